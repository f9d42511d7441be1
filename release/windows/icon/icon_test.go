package main

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"os"
	"testing"
)

// TestCommittedIcon checks that release/windows/carico.ico is what this
// program draws, so the icon in the repository never drifts from its
// source, and that its directory points at decodable PNGs of the sizes
// it claims.
func TestCommittedIcon(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := writeICO(&b, sizes); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../carico.ico")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), committed) {
		t.Fatal("release/windows/carico.ico differs from what icon draws: go run ./release/windows/icon -o release/windows/carico.ico")
	}
	le := binary.LittleEndian
	if le.Uint16(committed[2:]) != 1 || int(le.Uint16(committed[4:])) != len(sizes) {
		t.Fatalf("header: type %d, %d images", le.Uint16(committed[2:]), le.Uint16(committed[4:]))
	}
	for i, n := range sizes {
		e := committed[6+16*i:]
		size, off := le.Uint32(e[8:]), le.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(committed[off : off+size]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if got := img.Bounds().Dx(); got != n || int(e[0]) != n%256 {
			t.Errorf("image %d: %d pixels, directory says %d, want %d", i, got, e[0], n)
		}
	}
}
