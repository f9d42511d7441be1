package main

import (
	"regexp"
	"strings"
)

// compatible lists the licences under which a component may ship inside a
// work distributed under the EUPL-1.2: permissive licences, which only ask
// that their notice travel with the work, and the MPL-2.0, whose copyleft
// stays with the files it covers and which the EUPL's appendix names as
// compatible. GPL-family licences are not on it: the EUPL's compatibility
// clause runs the other way (an EUPL work may be relicensed into them).
var compatible = map[string]bool{
	"MIT":          true,
	"BSD-2-Clause": true,
	"BSD-3-Clause": true,
	"Apache-2.0":   true,
	"ISC":          true,
	"0BSD":         true,
	"Zlib":         true,
	"MPL-2.0":      true,
	// The SIL Open Font License lets a font be bundled with any software,
	// provided its notice and licence travel with it (§2) and it is not
	// sold on its own (§1): the notice carries the text.
	"OFL-1.1": true,
}

// fingerprints recognise a licence by sentences of its standard text, so
// that a copyright line or reflowed paragraph does not defeat them. Order
// matters only for the BSD variants, told apart by the third clause.
var fingerprints = []struct {
	id      string
	all     []string
	without string
}{
	{id: "Apache-2.0", all: []string{"apache license", "version 2.0"}},
	{id: "MPL-2.0", all: []string{"mozilla public license", "2.0"}},
	{id: "MIT", all: []string{"permission is hereby granted, free of charge", "the above copyright notice and this permission notice shall be included"}},
	{id: "BSD-3-Clause", all: []string{"redistribution and use in source and binary forms", "neither the name"}},
	{id: "BSD-3-Clause", all: []string{"redistribution and use in source and binary forms", "may be used to endorse or promote products"}},
	{id: "BSD-2-Clause", all: []string{"redistribution and use in source and binary forms", "redistributions in binary form must reproduce"}, without: "endorse or promote"},
	{id: "ISC", all: []string{"permission to use, copy, modify, and/or distribute this software for any purpose", "provided that the above copyright notice and this permission notice appear"}},
	{id: "0BSD", all: []string{"permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted"}, without: "provided that the above copyright notice"},
	{id: "OFL-1.1", all: []string{"sil open font license", "version 1.1", "reserved font name"}},
	{id: "Zlib", all: []string{"this software is provided 'as-is'", "altered source versions must be plainly marked"}},
}

var space = regexp.MustCompile(`\s+`)

// classify names the licences a licence text contains, as SPDX identifiers.
// A file that bundles several (a module vendoring another's code) yields
// each; a text it cannot name yields none, which collect reports.
func classify(text string) []string {
	t := space.ReplaceAllString(strings.ToLower(text), " ")
	var ids []string
	seen := map[string]bool{}
	for _, f := range fingerprints {
		if seen[f.id] || (f.without != "" && strings.Contains(t, f.without)) {
			continue
		}
		ok := true
		for _, s := range f.all {
			if !strings.Contains(t, s) {
				ok = false
				break
			}
		}
		if ok {
			seen[f.id] = true
			ids = append(ids, f.id)
		}
	}
	return ids
}
