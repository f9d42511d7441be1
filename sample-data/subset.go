package sampledata

import (
	"slices"

	"github.com/carico/carico"
)

// Subset is the part of a that serves the comuni listed: a smaller Ambito
// with the same period, for the tests that need one (the council's
// disclosure control on an Ambito of a few comuni and social workers). It
// keeps the comuni and their residents; the operators allocated only to
// them, with their absences; the cartelle of those comuni (one held by an
// operator who is not kept passes to a social worker kept in its comune,
// history included); the diario entries of the operators kept on cartelle kept or
// on no cartella. The result is a new Ambito; a is unchanged.
func (a *Ambito) Subset(name string, istat ...string) *Ambito {
	in := func(code string) bool { return slices.Contains(istat, code) }
	s := &Ambito{Name: name, From: a.From, To: a.To, RefDate: a.RefDate, Citizens: a.Citizens}
	for _, c := range a.Comuni {
		if in(c.ISTAT) {
			c.Ambito = name
			s.Comuni = append(s.Comuni, c)
		}
	}
	s.Residents = keep(a.Residents, func(r carico.Residents) bool { return in(r.ISTAT) })
	kept := map[string]bool{}
	for _, o := range a.Operators {
		mine, all := false, true
		for _, al := range a.Allocations {
			if al.OperatorID == o.ID {
				mine = true
				all = all && in(al.ISTAT)
			}
		}
		if mine && all {
			kept[o.ID] = true
			s.Operators = append(s.Operators, o)
		}
	}
	s.Allocations = keep(a.Allocations, func(al carico.Allocation) bool { return kept[al.OperatorID] })
	s.Periods = keep(a.Periods, func(p carico.ContractPeriod) bool { return kept[p.OperatorID] })
	s.Absences = keep(a.Absences, func(ab carico.Absence) bool { return kept[ab.OperatorID] })
	s.Reductions = keep(a.Reductions, func(r carico.Reduction) bool { return kept[r.OperatorID] })
	heir := map[string]string{} // comune → a social worker kept there
	for _, al := range s.Allocations {
		for _, o := range s.Operators {
			if o.ID == al.OperatorID && o.Role == carico.RoleSocialWorker && heir[al.ISTAT] == "" {
				heir[al.ISTAT] = o.ID
			}
		}
	}
	cases := map[string]bool{}
	for i, c := range a.Cases {
		if !in(c.ISTAT) || heir[c.ISTAT] == "" {
			continue
		}
		cases[c.ID] = true
		if i >= len(a.Cases)-a.plantedCases {
			s.plantedCases++
		}
		if !kept[c.OperatorID] && c.OperatorID != "" {
			c.OperatorID = heir[c.ISTAT]
		}
		c.Assignments = slices.Clone(c.Assignments)
		for i, x := range c.Assignments {
			if !kept[x.OperatorID] {
				c.Assignments[i].OperatorID = heir[c.ISTAT]
			}
		}
		s.Cases = append(s.Cases, c)
	}
	acts := map[string]bool{}
	for i, x := range a.Activities {
		if kept[x.OperatorID] && (x.CaseID == "" || cases[x.CaseID]) {
			if i >= len(a.Activities)-a.plantedActs {
				s.plantedActs++
			}
			acts[x.ID] = true
			s.Activities = append(s.Activities, x)
		}
	}
	s.Revised = keep(a.Revised, func(r Revision) bool { return acts[r.ActivityID] })
	s.Zones = keep(a.Zones, func(z Zone) bool { return in(z.ISTAT) })
	if len(s.Zones) == len(a.Zones) {
		s.Adjacency = a.Adjacency
	}
	return s
}

// keep is the elements of xs for which ok holds, in a new slice.
func keep[T any](xs []T, ok func(T) bool) []T {
	return slices.DeleteFunc(slices.Clone(xs), func(x T) bool { return !ok(x) })
}
