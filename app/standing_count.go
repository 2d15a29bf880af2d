package app

import (
	"bytes"

	"hoso/report"
	"hoso/store"
)

// The dossier list shows how many dossiers are overdue and how many are
// due soon. Counting them by reading each dossier whose due date runs
// grows with the office's work in progress (a province holds thousands),
// so the dossier projection keeps each such dossier's report fact in an
// index of its own (indexStanding), and the count judges the facts, read
// from the index keys alone, with the same report.StandingAt and the same
// rules per office as the list's filter: the count is exact and agrees
// with the list at any size.

// standingChunk is how many index entries a count reads at a time.
const standingChunk = 1024

// standingOnly tells whether a search filters by standing alone (overdue
// or due soon, nothing else), the search whose total the standing index
// answers.
func standingOnly(req SearchRequest) bool {
	rest := req
	rest.Overdue, rest.DueSoon, rest.Count, rest.Page, rest.PageSize = false, false, false, 0, 0
	return (req.Overdue || req.DueSoon) && rest == SearchRequest{}
}

// searchStanding answers a search that filters by standing alone: the page
// as any search finds it, and the exact total from the standing index.
func (s *Dossiers) searchStanding(req SearchRequest) (SearchReply, error) {
	page := req
	page.Count = false
	out, err := s.search(page)
	if err != nil {
		return out, err
	}
	d, err := s.core.Deps()
	if err != nil {
		return SearchReply{}, err
	}
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return SearchReply{}, err
	}
	out.Total, err = countStanding(d.Store, newStandings(d.Store, cal, s.now()), req.Overdue)
	out.TotalCapped = false
	return out, err
}

// countStanding counts the dossiers judge finds overdue (overdue true) or
// due soon and not overdue (false), from the standing index.
func countStanding(st *store.Store, judge *standings, overdue bool) (int, error) {
	n := 0
	err := eachStanding(st, judge, overdue, func(string) { n++ })
	return n, err
}

// standingSubjects returns the subjects of the dossiers judge finds
// overdue (overdue true) or due soon and not overdue (false), from the
// standing index: the list's page of one of them reads only those
// dossiers.
func standingSubjects(st *store.Store, judge *standings, overdue bool) (map[string]bool, error) {
	out := map[string]bool{}
	err := eachStanding(st, judge, overdue, func(subject string) { out[subject] = true })
	return out, err
}

// eachStanding calls fn with the subject of each dossier judge finds
// overdue (overdue true) or due soon and not overdue (false).
func eachStanding(st *store.Store, judge *standings, overdue bool, fn func(subject string)) error {
	var after *store.Hit
	for {
		hits, err := st.Scan(dossierProjID, indexStanding, store.ScanOptions{After: after, Limit: standingChunk})
		if err != nil {
			return Wrap(CodeInternal, err, "reading the dossiers due")
		}
		for _, h := range hits {
			i := bytes.IndexByte(h.Key, 0)
			if i < 0 {
				continue
			}
			f, err := report.DecodeFact(h.Key[i+1:])
			if err != nil {
				return Wrap(CodeInternal, err, "reading the fact of "+h.Subject)
			}
			if st := judge.fact(&f); (overdue && st.Overdue) || (!overdue && st.DueSoon) {
				fn(h.Subject)
			}
		}
		if len(hits) < standingChunk {
			return nil
		}
		after = &hits[len(hits)-1]
	}
}
