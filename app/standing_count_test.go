package app

import (
	"testing"
	"time"

	"hoso/dossier"
)

// TestStandingCountsAreExact: with more overdue dossiers than a page, than
// the list's old count (200) and than a count reading each dossier stops
// at (countLimit, lowered from countCap), the list's total of overdue and of due
// soon dossiers is the exact number, the same as paging through the
// filtered list; a dossier waiting for the citizen is not counted, and one
// withdrawn leaves the count.
func TestStandingCountsAreExact(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: receives 1,100 dossiers")
	}
	vn := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.FixedZone("ICT", 7*3600)) }
	s := newStaffAt(t, vn(16, 8).UTC())
	// A count that reads each dossier stops at 300 here, not countCap:
	// still more than a page, the old count and a search chunk, with 700
	// fewer dossiers to receive (they were three quarters of the test).
	s.s.Dossiers.countLimit = 300
	// 1.004837 takes 3 working days.
	// More overdue than a count that reads each dossier stops at.
	overdue, soon, later := s.s.Dossiers.countLimit+37, 41, 26
	if overdue <= searchChunk {
		t.Fatalf("%d overdue dossiers fit in one search chunk (%d)", overdue, searchChunk)
	}
	var codes []string
	for i := range overdue + soon + later {
		at := vn(16+i/900, 8) // due Thursday 19th or Friday 20th: overdue (a desk issues 999 codes a day)
		switch {
		case i >= overdue+soon:
			at = vn(27, 9) // due Wednesday 2 December: not yet due soon
		case i >= overdue:
			at = vn(25, 9) // due Monday 30th: due soon
		}
		codes = append(codes, s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, at.Add(time.Duration(i)*time.Second)))
		if i == 0 {
			// The first waits for the citizen: neither overdue nor due soon.
			s.mustAct(t, codes[0], []actStep{
				{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}}, {s.officer, dossier.KindAssigned, dossier.Assigned{}},
				{s.officer, dossier.KindSupplementRequested, dossier.SupplementRequested{Missing: []string{"Giấy chứng sinh"}}},
			})
		}
	}
	// Judged on Friday 27 November at 16:00.
	s.now = vn(27, 16).UTC()
	total := func(req SearchRequest) int {
		t.Helper()
		req.Count, req.PageSize = true, 20
		var r SearchReply
		s.mustCall(t, s.clerk, "Dossiers.Search", req, &r)
		if r.TotalCapped {
			t.Fatalf("%+v: the total is capped at %d", req, r.Total)
		}
		return r.Total
	}
	listed := func(req SearchRequest) int {
		t.Helper()
		n := 0
		for page := 1; ; page++ {
			req.Page, req.PageSize = page, 200
			var r SearchReply
			s.mustCall(t, s.clerk, "Dossiers.Search", req, &r)
			n += len(r.Items)
			if !r.More {
				return n
			}
		}
	}
	check := func(wantOverdue, wantSoon int) {
		t.Helper()
		if got := total(SearchRequest{Overdue: true}); got != wantOverdue {
			t.Errorf("overdue: %d, want %d", got, wantOverdue)
		}
		if got := listed(SearchRequest{Overdue: true}); got != wantOverdue {
			t.Errorf("overdue listed: %d, want %d", got, wantOverdue)
		}
		if got := total(SearchRequest{DueSoon: true}); got != wantSoon {
			t.Errorf("due soon: %d, want %d", got, wantSoon)
		}
		if got := listed(SearchRequest{DueSoon: true}); got != wantSoon {
			t.Errorf("due soon listed: %d, want %d", got, wantSoon)
		}
	}
	check(overdue-1, soon)
	// The totals an index answers alone are counted from its keys: the
	// same as the list paged through.
	for _, req := range []SearchRequest{
		{}, {ReceivedFrom: "2026-11-25", ReceivedTo: "2026-11-25"}, {ReceivedFrom: "2026-11-17"},
		{ReceivedBy: s.ids["vanthu"], ReceivedTo: "2026-11-16"}, {Status: string(dossier.StatusReceived)},
	} {
		if got, want := total(req), listed(req); got != want || want == 0 {
			t.Errorf("%+v: total %d, listed %d", req, got, want)
		}
	}

	// Another overdue dossier is withdrawn: it leaves the count.
	s.mustAct(t, codes[1], []actStep{{s.clerk, dossier.KindWithdrawn, dossier.Withdrawn{Reason: "Công dân xin rút hồ sơ"}}})
	check(overdue-2, soon)
}
