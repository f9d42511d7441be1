package sampledata

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Large is a larger Ambito for the tests that need one (the council's
// disclosure control on three sizes): 30 comuni and 73 operators. It is
// the sample of seed, with two more Ambiti drawn from seeds seed+1 and
// seed+2 — the whole of the first, the eight comuni of the second without
// Seriate, Bagnatica and Brusaporto — moved onto other real comuni of the
// province of Bergamo (ISTAT codes and names of the national table; their
// residents and patron days are the synthetic ones of the comuni they
// replace) with operators, cartelle, citizens and diario entries of their
// own. The sample's records are those of Generate(seed), unchanged.
func Large(seed int64) *Ambito {
	a := Generate(seed)
	a.Name = "Ambito di prova (30 comuni)"
	spare := largeComuni
	used := map[string]bool{}
	for _, o := range a.Operators {
		used[o.Name] = true
	}
	people := map[string]bool{}
	for _, c := range a.Citizens {
		people[c.CF] = true
	}
	for k, part := range []*Ambito{
		Generate(seed + 1),
		Generate(seed+2).Subset(ambitoName, "016194", "016117", "016066", "016003", "016139", "016160", "016084", "016216"),
	} {
		codes := map[string]string{}
		for _, c := range part.Comuni {
			codes[c.ISTAT], spare = spare[0][0], spare[1:]
		}
		a.merge(part, k+1, codes, used, people)
	}
	return a
}

// largeComuni are the comuni a Large Ambito adds: real comuni of the
// province of Bergamo, with the ISTAT codes and names of the national table
// (ingest/comuni; TestLarge checks them), the first by code not in the
// sample.
var largeComuni = [][2]string{
	{"016001", "Adrara San Martino"},
	{"016002", "Adrara San Rocco"},
	{"016004", "Albino"},
	{"016005", "Almè"},
	{"016006", "Almenno San Bartolomeo"},
	{"016007", "Almenno San Salvatore"},
	{"016008", "Alzano Lombardo"},
	{"016009", "Ambivere"},
	{"016010", "Antegnate"},
	{"016011", "Arcene"},
	{"016012", "Ardesio"},
	{"016013", "Arzago d'Adda"},
	{"016014", "Averara"},
	{"016015", "Aviatico"},
	{"016016", "Azzano San Paolo"},
	{"016017", "Azzone"},
	{"016019", "Barbata"},
	{"016020", "Bariano"},
	{"016021", "Barzana"},
}

// merge adds part to a as copy k: comuni recoded by codes, operators
// renumbered (M001 → M1001) and renamed, cartelle and diario entries
// renumbered; a cartella whose citizen a already has is left out, with its
// diario entries. Quartieri stay those of the sample's Seriate.
func (a *Ambito) merge(part *Ambito, k int, codes map[string]string, used, people map[string]bool) {
	if a.extra == nil {
		a.extra = &extraNames{comuni: map[string]comuneSpec{}, ops: map[string]opSpec{}}
	}
	for _, c := range part.Comuni {
		code := codes[c.ISTAT]
		name := largeComuni[slices.IndexFunc(largeComuni, func(x [2]string) bool { return x[0] == code })][1]
		a.extra.comuni[code] = comuneSpec{istat: code, name: name, diario: name}
		c.ISTAT, c.Name = code, name
		a.Comuni = append(a.Comuni, c)
	}
	for _, r := range part.Residents {
		r.ISTAT = codes[r.ISTAT]
		a.Residents = append(a.Residents, r)
	}
	ids := map[string]string{}
	for i, o := range part.Operators {
		s := *opSpecByID(o.ID)
		s.id = o.ID[:1] + strconv.Itoa(k) + o.ID[1:]
		for j := i; used[s.surname+" "+s.name]; j++ {
			s.surname = surnamesIT[(j*7+k*13)%len(surnamesIT)]
		}
		used[s.surname+" "+s.name] = true
		ids[o.ID] = s.id
		a.extra.ops[s.id] = s
		o.ID, o.Name = s.id, s.surname+" "+s.name
		a.Operators = append(a.Operators, o)
	}
	for _, al := range part.Allocations {
		al.OperatorID, al.ISTAT = ids[al.OperatorID], codes[al.ISTAT]
		a.Allocations = append(a.Allocations, al)
	}
	for _, p := range part.Periods {
		p.OperatorID, p.ISTAT = ids[p.OperatorID], codes[p.ISTAT]
		a.Periods = append(a.Periods, p)
	}
	for _, ab := range part.Absences {
		ab.OperatorID = ids[ab.OperatorID]
		a.Absences = append(a.Absences, ab)
	}
	cases := map[string]string{}
	for _, c := range part.Cases {
		if people[c.Person] {
			continue // the same person in two copies: one cartella is enough
		}
		cases[c.ID] = renumber(c.ID, k, 1_000_000)
		c.ID, c.ISTAT, c.OperatorID, c.Zone = cases[c.ID], codes[c.ISTAT], ids[c.OperatorID], ""
		c.Assignments = slices.Clone(c.Assignments)
		for i := range c.Assignments {
			c.Assignments[i].CaseID, c.Assignments[i].OperatorID = c.ID, ids[c.Assignments[i].OperatorID]
		}
		a.Cases = append(a.Cases, c)
	}
	for _, p := range part.Citizens {
		if !people[p.CF] {
			people[p.CF] = true
			a.Citizens = append(a.Citizens, p)
		}
	}
	acts := map[string]string{}
	for _, x := range part.Activities {
		if x.CaseID != "" && cases[x.CaseID] == "" {
			continue
		}
		acts[x.ID] = renumber(x.ID, k, 100_000_000)
		x.ID, x.OperatorID, x.CaseID = acts[x.ID], ids[x.OperatorID], cases[x.CaseID]
		if x.ISTAT != "" {
			x.ISTAT = codes[x.ISTAT]
		}
		a.Activities = append(a.Activities, x)
	}
	for _, r := range part.Revised {
		if id := acts[r.ActivityID]; id != "" {
			r.ActivityID = id
			a.Revised = append(a.Revised, r)
		}
	}
}

// renumber shifts a numeric ID by k×step, keeping the copies apart.
func renumber(id string, k, step int) string {
	n, err := strconv.Atoi(id)
	if err != nil {
		panic(fmt.Sprintf("sampledata: ID %q is not a number", id))
	}
	return strconv.Itoa(n + k*step)
}

// extraNames are the comuni and operators a Large Ambito adds to those of
// the sample, for the exports.
type extraNames struct {
	comuni map[string]comuneSpec
	ops    map[string]opSpec
}

// comuneSpec is the comune of code istat: the sample's, or one a Large
// Ambito added.
func (a *Ambito) comuneSpec(istat string) comuneSpec {
	if a.extra != nil {
		if c, ok := a.extra.comuni[istat]; ok {
			return c
		}
	}
	return comuni[comuneIndex(istat)]
}

// opSpec is the roster entry of operator id: the sample's, or one a Large
// Ambito added.
func (a *Ambito) opSpec(id string) *opSpec {
	if a.extra != nil {
		if s, ok := a.extra.ops[id]; ok {
			return &s
		}
	}
	return opSpecByID(id)
}

// upperNames are the operators' names as the diario writes them.
func (a *Ambito) upperNames() map[string]string {
	names := map[string]string{}
	for _, s := range roster {
		names[s.id] = strings.ToUpper(s.surname + " " + s.name)
	}
	if a.extra != nil {
		for id, s := range a.extra.ops {
			names[id] = strings.ToUpper(s.surname + " " + s.name)
		}
	}
	return names
}
