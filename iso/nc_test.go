package iso

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

func day(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, calendar.Zone) }

// base is a dossier received on 2 November, due on 6 November.
func base() dossier.Dossier {
	return dossier.Dossier{
		Code: "38001-261102-0001", Office: "38001", Procedure: dossier.ProcedureRef{Code: "1.004837"},
		ReceivedAt: day(11, 2, 9), Due: day(11, 6, 17), OriginalDue: day(11, 6, 17),
		Deadlines: []dossier.Deadline{{At: day(11, 2, 9), Due: day(11, 6, 17), Reason: dossier.DeadlineReceived}},
	}
}

func sources(ncs []NCRaised) []string {
	var out []string
	for _, n := range ncs {
		out = append(out, n.Cause)
	}
	return out
}

func TestAutoNCs(t *testing.T) {
	now := day(11, 20, 9)
	for _, tc := range []struct {
		name string
		edit func(d *dossier.Dossier)
		want []string
	}{
		{"on time, nothing", func(d *dossier.Dossier) {
			d.FinishedAt, d.Timing = day(11, 6, 10), dossier.TimingOnTime
		}, nil},
		{"resolved late", func(d *dossier.Dossier) {
			d.FinishedAt = day(11, 9, 10)
		}, []string{"late_dossier:38001-261102-0001"}},
		{"a step done late, another on time", func(d *dossier.Dossier) {
			d.Steps = []dossier.StepRow{
				{No: 1, Due: day(11, 3, 17), Done: day(11, 3, 10)},
				{No: 2, Due: day(11, 4, 17), Done: day(11, 5, 8)},
			}
		}, []string{"late_step:38001-261102-0001:2"}},
		{"a step open past its due day", func(d *dossier.Dossier) {
			d.Steps = []dossier.StepRow{{No: 1, Due: day(11, 19, 17)}}
		}, []string{"late_step:38001-261102-0001:1"}},
		{"a step open, due today", func(d *dossier.Dossier) {
			d.Steps = []dossier.StepRow{{No: 1, Due: day(11, 20, 17)}}
		}, nil},
		{"one supplement is allowed", func(d *dossier.Dossier) {
			d.Supplements = []dossier.Supplement{{At: day(11, 3, 9)}}
		}, nil},
		{"a second supplement", func(d *dossier.Dossier) {
			d.Supplements = []dossier.Supplement{{At: day(11, 3, 9)}, {At: day(11, 5, 9)}}
		}, []string{"second_supplement:38001-261102-0001"}},
		{"not satisfied", func(d *dossier.Dossier) {
			d.Rating = &dossier.Rating{Value: dossier.RatingUnsatisfied, At: day(11, 6, 11)}
		}, []string{"not_satisfied:38001-261102-0001"}},
		{"satisfied", func(d *dossier.Dossier) {
			d.Rating = &dossier.Rating{Value: dossier.RatingSatisfied, At: day(11, 6, 11)}
		}, nil},
		{"two apologies raise one", func(d *dossier.Dossier) {
			d.Deadlines = append(d.Deadlines,
				dossier.Deadline{At: day(11, 5, 9), Due: day(11, 10, 17), Reason: dossier.DeadlineReschedule},
				dossier.Deadline{At: day(11, 9, 9), Due: day(11, 12, 17), Reason: dossier.DeadlineReschedule})
		}, []string{"apology:38001-261102-0001"}},
		{"not received: nothing", func(d *dossier.Dossier) {
			d.ReceivedAt = time.Time{}
			d.FinishedAt = day(11, 9, 10)
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := base()
			tc.edit(&d)
			got := AutoNCs(d, now, nil)
			if !slices.Equal(sources(got), tc.want) {
				t.Fatalf("causes %v, want %v", sources(got), tc.want)
			}
			for _, n := range got {
				if n.ID != AutoNCID(n.Cause) || n.Office != "38001" || n.Process != "1.004837" || n.Clause == "" || n.Rule == "" || n.Title == "" || n.RaisedAt.IsZero() || !n.Source.Auto() {
					t.Fatalf("incomplete %+v", n)
				}
			}
		})
	}
}

func TestAutoNCsScale(t *testing.T) {
	d := base()
	d.Rating = &dossier.Rating{Value: "binh_thuong", At: day(11, 6, 11)}
	if got := AutoNCs(d, day(11, 20, 9), func(v string) bool { return v != "binh_thuong" }); len(got) != 1 || got[0].Source != SourceNotSatisfied {
		t.Fatalf("office scale: %v", sources(got))
	}
}

func TestUnraised(t *testing.T) {
	d := base()
	d.Steps = []dossier.StepRow{{No: 1, Due: day(11, 3, 17), Done: day(11, 5, 8)}}
	first := AutoNCs(d, day(11, 5, 9), nil)
	raised := map[string]bool{}
	for _, n := range Unraised(first, func(c string) bool { return raised[c] }) {
		raised[n.Cause] = true
	}
	// Later the same step is still late, and the dossier is late too:
	// only the new cause is raised.
	d.FinishedAt = day(11, 10, 9)
	again := Unraised(append(AutoNCs(d, day(11, 20, 9), nil), first...), func(c string) bool { return raised[c] })
	if got := sources(again); !slices.Equal(got, []string{"late_dossier:38001-261102-0001"}) {
		t.Fatalf("second run %v", got)
	}
}

func ev(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNCFold(t *testing.T) {
	raised := NCRaised{ID: "auto-x", Office: "38001", Source: SourceLateDossier, Cause: "x", Title: "t", RaisedAt: day(11, 9, 9)}
	type step struct {
		kind string
		body any
	}
	accepted := func(seen int, sev Severity) step {
		return step{KindNCReviewed, NCReviewed{Verdict: VerdictAccepted, Severity: sev, By: "u", Seen: seen}}
	}
	for _, tc := range []struct {
		name     string
		steps    []step
		state    NCState
		raises   int
		conflict int
	}{
		{"raised", []step{{KindNCRaised, raised}}, StateRaised, 1, 0},
		{"two desks raise the same", []step{{KindNCRaised, raised}, {KindNCRaised, raised}}, StateRaised, 2, 0},
		{"review before raise ignored", []step{{KindNCReviewed, NCReviewed{Verdict: VerdictAccepted, Severity: SeverityMinor}}}, StateRaised, 0, 0},
		{"accepted", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor)}, StateAccepted, 1, 0},
		{"rejected", []step{{KindNCRaised, raised}, {KindNCReviewed, NCReviewed{Verdict: VerdictRejected, Reason: "r", Seen: 0}}}, StateRejected, 1, 0},
		{"a later review overrides", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), accepted(1, SeverityMajor)}, StateAccepted, 1, 0},
		{"concurrent reviews that agree", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), accepted(0, SeverityMinor)}, StateAccepted, 1, 0},
		{"concurrent reviews that disagree", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), accepted(0, SeverityMajor)}, StateAccepted, 1, 2},
		{"a review after both settles", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), accepted(0, SeverityMajor), accepted(2, SeverityMajor)}, StateAccepted, 1, 0},
		{"action opened", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), {KindNCActionOpened, NCActionOpened{Action: "a1"}}}, StateAction, 1, 0},
		{"closed", []step{{KindNCRaised, raised}, accepted(0, SeverityMinor), {KindNCActionOpened, NCActionOpened{Action: "a1"}}, {KindNCClosed, NCClosed{Action: "a1"}}}, StateClosed, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n NC
			for _, s := range tc.steps {
				n.Apply(s.kind, ev(t, s.body))
			}
			if n.State() != tc.state || n.Raises != tc.raises || len(n.Conflict) != tc.conflict {
				t.Fatalf("state %s raises %d conflict %d", n.State(), n.Raises, len(n.Conflict))
			}
		})
	}
}

func TestNCGuards(t *testing.T) {
	var n NC
	n.Apply(KindNCRaised, ev(t, NCRaised{ID: "m1", Source: SourceManual}))
	if err := n.CanOpenAction(); err == nil || err.(*NCRefusal).Rule != "nc_not_reviewed" {
		t.Fatalf("unreviewed: %v", err)
	}
	n.Apply(KindNCReviewed, ev(t, NCReviewed{Verdict: VerdictAccepted, Severity: SeverityMinor}))
	n.Apply(KindNCReviewed, ev(t, NCReviewed{Verdict: VerdictRejected, Reason: "x"}))
	if err := n.CanOpenAction(); err == nil || err.(*NCRefusal).Rule != "nc_review_conflict" {
		t.Fatalf("conflict: %v", err)
	}
	for _, tc := range []struct {
		r     NCReviewed
		field string
	}{
		{NCReviewed{Verdict: "maybe"}, "verdict"},
		{NCReviewed{Verdict: VerdictAccepted}, "severity"},
		{NCReviewed{Verdict: VerdictRejected}, "reason"},
		{NCReviewed{Verdict: VerdictRejected, Reason: "r", Severity: SeverityMajor}, "severity"},
		{NCReviewed{Verdict: VerdictAccepted, Severity: SeverityObservation}, ""},
	} {
		err := ValidateReview(tc.r)
		if (tc.field == "") != (err == nil) || err != nil && err.(*FieldErr).Field != tc.field {
			t.Fatalf("%+v: %v", tc.r, err)
		}
	}
}
