package demo

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/app"
	"hoso/calendar"
)

// demoProcesses is how many of the most used procedures get a process in
// force.
const demoProcesses = 4

// isoProcesses fills the documented processes (ISO part A) of the demo
// office after its year: the officer drafts the process of each of the
// most used procedures and the leader puts it in force from today; then
// the catalog of the most used one changes (its legal basis cites the
// one-stop decree of 2025) and the officer drafts revision 2, left waiting
// for the leader's approval, so that the screen shows a pending draft and,
// once approved, a superseded revision.
func isoProcesses(c caller, sessions map[string]string, opts Options) error {
	now := time.Now()
	if opts.Clock != nil {
		now = opts.Clock.Now()
	}
	var list app.CatalogList
	if err := c.call("", "Catalog.List", app.CatalogQuery{}, &list); err != nil {
		return fmt.Errorf("reading the catalog: %w", err)
	}
	type used struct {
		code string
		n    int
	}
	var counts []used
	for _, p := range list.Procedures {
		if !p.Active {
			continue
		}
		var r app.SearchReply
		if err := c.call("", "Dossiers.Search", app.SearchRequest{Procedure: p.Code, Count: true, PageSize: 1}, &r); err != nil {
			return fmt.Errorf("counting the dossiers of %s: %w", p.Code, err)
		}
		counts = append(counts, used{p.Code, r.Total})
	}
	slices.SortStableFunc(counts, func(a, b used) int {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.code, b.code))
	})
	counts = counts[:min(demoProcesses, len(counts))]
	today := now.In(calendar.Zone).Format(time.DateOnly)
	for _, u := range counts {
		var p app.ProcessReply
		if err := c.call(sessions["chuyenvien"], "Iso.DraftProcess", app.DraftProcessRequest{Procedure: u.code}, &p); err != nil {
			return fmt.Errorf("drafting the process of %s: %w", u.code, err)
		}
		if err := c.call(sessions["lanhdao"], "Iso.ApproveProcess", app.ApproveProcessRequest{Procedure: u.code, Revision: p.Pending, Seen: p.InForce, InForce: today}, nil); err != nil {
			return fmt.Errorf("approving the process of %s: %w", u.code, err)
		}
	}
	if len(counts) == 0 {
		return nil
	}
	code := counts[0].code
	var pr app.ProcedureReply
	if err := c.call("", "Catalog.Get", app.ProcedureRequest{Code: code}, &pr); err != nil {
		return fmt.Errorf("reading %s: %w", code, err)
	}
	proc := pr.Procedure
	proc.Basis = strings.TrimPrefix(strings.TrimSpace(proc.Basis)+"; Nghị định 118/2025/NĐ-CP", "; ")
	if err := c.call("", "Catalog.Save", app.SaveProcedureRequest{Procedure: proc}, nil); err != nil {
		return fmt.Errorf("revising %s in the catalog: %w", code, err)
	}
	if err := c.call(sessions["chuyenvien"], "Iso.DraftProcess", app.DraftProcessRequest{Procedure: code}, nil); err != nil {
		return fmt.Errorf("drafting revision 2 of the process of %s: %w", code, err)
	}
	return nil
}
