package app

import (
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

// standings judges dossiers against their due dates at one instant with
// report.StandingAt, the one definition of overdue and due soon, under the
// report rules in force at each dossier's office (its timing basis and
// how many working days ahead "due soon" looks), read once per office.
type standings struct {
	st    *store.Store
	cal   *calendar.Calendar
	at    int64
	rules map[string]report.Rules
	// fixed, when set, are the rules every dossier is judged under: a
	// report's, as II.06a judges the offices of its subtree.
	fixed *report.Rules
}

// newStandings judges at the instant at, counting working days with cal.
func newStandings(st *store.Store, cal *calendar.Calendar, at time.Time) *standings {
	return &standings{st: st, cal: cal, at: at.Unix(), rules: map[string]report.Rules{}}
}

// under judges every dossier under the rules r.
func (s *standings) under(r report.Rules) *standings {
	s.fixed = &r
	return s
}

// rulesOf returns the report rules in force at an office; the defaults
// when they cannot be read (a judgement never fails a list).
func (s *standings) rulesOf(office string) report.Rules {
	if s.fixed != nil {
		return *s.fixed
	}
	r, ok := s.rules[office]
	if !ok {
		var err error
		if r, err = reportRules(s.st, office); err != nil {
			r = report.DefaultRules()
		}
		s.rules[office] = r
	}
	return r
}

// of judges a dossier.
func (s *standings) of(ds dossier.Dossier) report.Standing {
	f, ok := report.FromDossier(ds)
	if !ok {
		return report.Standing{}
	}
	return s.fact(&f)
}

// fact judges a dossier's fact.
func (s *standings) fact(f *report.Fact) report.Standing {
	return report.StandingAt(f, s.at, s.rulesOf(f.Office), s.cal)
}
