package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	mitText = `MIT License

Copyright (c) 2020 Someone

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.`
	bsd2Text = `Copyright (c) 2020 Someone. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
1. Redistributions of source code must retain the above copyright notice.
2. Redistributions in binary form must reproduce the above copyright notice.`
	bsd3Text = bsd2Text + `
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.`
	zeroBSDText = `Copyright (c) Microsoft Corporation.

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted.`
	iscText = `Copyright (c) 2020 Someone

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.`
	oflText = `Copyright (c) 2009 Someone, with Reserved Font Name "Font".

This Font Software is licensed under the SIL Open Font License, Version 1.1.`
	gplText = `GNU GENERAL PUBLIC LICENSE
Version 3, 29 June 2007`
)

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"mit", mitText, []string{"MIT"}},
		{"bsd2", bsd2Text, []string{"BSD-2-Clause"}},
		{"bsd3", bsd3Text, []string{"BSD-3-Clause"}},
		{"0bsd", zeroBSDText, []string{"0BSD"}},
		{"isc", iscText, []string{"ISC"}},
		{"apache", "Apache License\n   Version 2.0, January 2004", []string{"Apache-2.0"}},
		{"reflowed mit", strings.ReplaceAll(mitText, "\n", "  \n\t"), []string{"MIT"}},
		{"bundle", bsd3Text + "\n\n" + mitText, []string{"MIT", "BSD-3-Clause"}},
		{"ofl", oflText, []string{"OFL-1.1"}},
		{"gpl", gplText, nil},
	} {
		if got := classify(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: classify = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSPDX(t *testing.T) {
	t.Parallel()
	for in, want := range map[any][]string{
		"MIT":                         {"MIT"},
		"(GPL-3.0 OR MIT)":            {"MIT"},
		"Apache-2.0 AND BSD-3-Clause": {"Apache-2.0", "BSD-3-Clause"},
		"GPL-3.0-only":                {"GPL-3.0-only"},
	} {
		if got := spdx(in); !reflect.DeepEqual(got, want) {
			t.Errorf("spdx(%q) = %v, want %v", in, got, want)
		}
	}
}

// writeFile creates path under dir with its parents.
func writeFile(t *testing.T, dir, path, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const lock = `{
  "name": "x", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": {"name": "x", "devDependencies": {"shipped": "1.0.0", "testtool": "2.0.0"}},
    "node_modules/shipped": {"version": "1.0.0", "license": "MIT", "dev": true, "dependencies": {"@scope/inner": "0.1.0", "shared": "1"}},
    "node_modules/shipped/node_modules/@scope/inner": {"version": "0.1.0", "license": "0BSD", "dev": true},
    "node_modules/shared": {"version": "1.0.0", "license": "ISC", "dev": true},
    "node_modules/testtool": {"version": "2.0.0", "license": "GPL-3.0", "dev": true}
  }
}`

// TestNPMPackages checks the shipped list: a devDependency on the list
// ships, with its dependencies (nested copies first) when its build
// bundles them and with the works inside it; a package off the list, or
// for another platform, does not.
func TestNPMPackages(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, root, "web/package-lock.json", lock)
	writeFile(t, root, "web/node_modules/shipped/LICENSE", mitText)
	writeFile(t, root, "web/node_modules/shipped/fonts/OFL.txt", oflText)
	writeFile(t, root, "web/node_modules/shipped/node_modules/@scope/inner/LICENSE.md", zeroBSDText)
	writeFile(t, root, "web/node_modules/shipped/licenses/LICENSE-sub", bsd2Text)
	writeFile(t, root, "web/node_modules/shared/LICENSE", iscText)
	list := []npmShipped{
		{Lock: "web/package-lock.json", Package: "shipped", Deps: true,
			Bundles: []bundled{{Name: "Font", Version: "v1", License: "OFL-1.1", Text: "fonts/OFL.txt"}}},
		{Lock: "web/package-lock.json", Package: "testtool", GOOS: "windows"},
	}
	comps, err := npmPackages(root, "linux", list)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range comps {
		got = append(got, c.Name+" "+c.Version+" "+strings.Join(c.Licenses, ",")+" "+c.Source)
	}
	want := []string{
		"@scope/inner 0.1.0 0BSD npm, web/package-lock.json",
		"Font v1 OFL-1.1 npm, dentro shipped",
		"shared 1.0.0 ISC npm, web/package-lock.json",
		"shipped 1.0.0 MIT npm, web/package-lock.json",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("packages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(comps[3].Texts); n != 2 || !strings.HasPrefix(comps[3].Texts[1], "licenses/LICENSE-sub:") {
		t.Errorf("subcomponent licence not carried: %d texts", n)
	}
}

func TestNPMPackagesErrors(t *testing.T) {
	t.Parallel()
	list := []npmShipped{{Lock: "w/package-lock.json", Package: "shipped", Deps: true}}
	for _, tc := range []struct {
		name  string
		files map[string]string
		list  []npmShipped
		want  string
	}{
		{"not installed", map[string]string{"w/package-lock.json": lock}, list, "run npm ci in w"},
		{"lockfile contradicts text", map[string]string{
			"w/package-lock.json":            lock,
			"w/node_modules/shipped/LICENSE": bsd3Text,
		}, list, "lockfile says [MIT], licence text reads as [BSD-3-Clause]"},
		{"old lockfile", map[string]string{"w/package-lock.json": `{"lockfileVersion": 1}`}, list, "lockfile version 1"},
		{"not in lockfile", map[string]string{"w/package-lock.json": lock},
			[]npmShipped{{Lock: "w/package-lock.json", Package: "absent"}}, "absent not in the lockfile"},
		{"bundle text contradicts", map[string]string{
			"w/package-lock.json":            lock,
			"w/node_modules/shipped/LICENSE": mitText,
			"w/node_modules/shipped/OFL.txt": mitText,
		}, []npmShipped{{Lock: "w/package-lock.json", Package: "shipped",
			Bundles: []bundled{{Name: "Font", License: "OFL-1.1", Text: "OFL.txt"}}}}, "declared OFL-1.1, licence text reads as [MIT]"},
	} {
		root := t.TempDir()
		for p, text := range tc.files {
			writeFile(t, root, p, text)
		}
		_, err := npmPackages(root, "linux", tc.list)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestCollectRejects checks the gate itself: a GPL or unrecognised licence
// among the shipped npm packages fails the notice, naming the package.
func TestCollectRejects(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, root, "w/package-lock.json", `{"lockfileVersion": 3, "packages": {
		"node_modules/copyleft": {"version": "1.0.0", "license": "GPL-3.0-only"},
		"node_modules/mystery": {"version": "2.0.0"}}}`)
	writeFile(t, root, "w/node_modules/copyleft/COPYING", gplText)
	writeFile(t, root, "w/node_modules/mystery/LICENSE", "All rights reserved.")
	comps, err := npmPackages(root, "linux", []npmShipped{
		{Lock: "w/package-lock.json", Package: "copyleft"}, {Lock: "w/package-lock.json", Package: "mystery"}})
	if err != nil {
		t.Fatal(err)
	}
	err = check(comps)
	for _, want := range []string{"copyleft 1.0.0: licence GPL-3.0-only not on the list", "mystery 2.0.0: licence not recognised"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("check: %v, want %q", err, want)
		}
	}
}

// TestWriteDeduplicates checks that a text shared by several modules (the
// golang.org/x family) is printed once and referred to after, and that
// lines end in CRLF for Notepad.
func TestWriteDeduplicates(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	err := write(&b, []component{
		{Name: "golang.org/x/a", Version: "v1", Licenses: []string{"BSD-3-Clause"}, Texts: []string{bsd3Text}},
		{Name: "golang.org/x/b", Version: "v2", Licenses: []string{"BSD-3-Clause"}, Texts: []string{bsd3Text}},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "Neither the name"); n != 1 {
		t.Errorf("shared text printed %d times", n)
	}
	if !strings.Contains(out, "[Same text as for golang.org/x/a above.]") {
		t.Error("no reference to the text printed first")
	}
	if strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Error("a line ends without CR")
	}
}
