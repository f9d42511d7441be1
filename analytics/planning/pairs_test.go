package planning

import (
	"strings"
	"testing"
)

func TestReadPairs(t *testing.T) {
	known := func(s string) bool { return strings.HasPrefix(s, "Q") }
	in := "\ufeff# Quartieri di Seriate — adiacenze SINTETICHE\r\nquartiere;confinante\r\nQ1;Q2\r\n\r\nQ2, Q3\nQ3\tQ1\n\"Q4\";\"Q1\"\n"
	pairs, err := ReadPairs(strings.NewReader(in), "adiacenze.csv", known)
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"Q1", "Q2"}, {"Q2", "Q3"}, {"Q3", "Q1"}, {"Q4", "Q1"}}
	if len(pairs) != len(want) {
		t.Fatalf("pairs %v", pairs)
	}
	for i := range want {
		if pairs[i] != want[i] {
			t.Errorf("pair %d = %v, want %v", i, pairs[i], want[i])
		}
	}
	for _, bad := range []string{"Q1;Q2\nX9;Q1\n", "Q1\n"} {
		_, err := ReadPairs(strings.NewReader(bad), "f.csv", known)
		if err == nil || !strings.Contains(err.Error(), "riga 2") && !strings.Contains(err.Error(), "riga 1") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

func FuzzReadPairs(f *testing.F) {
	f.Add("a;b\nb;c\n")
	f.Add("\ufeff# x\nunit,neighbour\na,b\n")
	f.Add("a\tb\n\"a\";\"\"\n;;\n")
	f.Fuzz(func(t *testing.T, in string) {
		pairs, err := ReadPairs(strings.NewReader(in), "f", func(s string) bool { return len(s) == 1 })
		if err == nil {
			for _, p := range pairs {
				if len(p[0]) != 1 {
					t.Fatalf("unknown unit accepted: %q", p)
				}
			}
		}
	})
}
