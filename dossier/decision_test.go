package dossier

import (
	"slices"
	"testing"
	"time"
)

// TestDecisionRules checks the rules of the decision and its return
// (issue 22): an approval signed against an appraisal that proposed refusal
// or a supplement needs that opinion acknowledged, a refusal needs nothing,
// and a return names its recipient.
func TestDecisionRules(t *testing.T) {
	h := func(hh, mm int) time.Time { return at(2026, time.March, 2, hh, mm) }
	// submittedWith drives a dossier to StatusSubmitted through an
	// appraisal with opinion o.
	submittedWith := func(o Opinion, note string) func(f *flow) {
		return func(f *flow) {
			f.to(StatusAssigned).do(officer, &Appraised{Opinion: o, Note: note}, h(11, 0))
			f.do(officer, &Submitted{To: leader.UserID, Step: f.plan(KindSubmitted, h(13, 0))}, h(13, 0))
		}
	}
	cases := []struct {
		name    string
		setup   func(f *flow)
		by      Actor
		body    Body
		want    string
		field   string
		opinion string
	}{
		{name: "approval signed after an approving appraisal", setup: submittedWith(OpinionApprove, ""), by: leader, body: &Signed{Number: "1/QĐ"}},
		{name: "approval signed over a proposed refusal, unacknowledged", setup: submittedWith(OpinionRefuse, "Không đủ điều kiện"), by: leader,
			body: &Signed{Number: "1/QĐ"}, want: CodeOpinionNotAcknowledged, field: "acknowledged", opinion: "refuse"},
		{name: "approval signed over a proposed refusal, another opinion acknowledged", setup: submittedWith(OpinionRefuse, ""), by: leader,
			body: &Signed{Acknowledged: OpinionSupplement}, want: CodeOpinionNotAcknowledged, field: "acknowledged", opinion: "refuse"},
		{name: "approval signed over a proposed refusal, acknowledged", setup: submittedWith(OpinionRefuse, ""), by: leader,
			body: &Signed{Number: "1/QĐ", Acknowledged: OpinionRefuse}},
		{name: "approval signed over a proposed supplement, unacknowledged", setup: submittedWith(OpinionSupplement, "Thiếu giấy chứng sinh"), by: leader,
			body: &Signed{}, want: CodeOpinionNotAcknowledged, field: "acknowledged", opinion: "supplement"},
		{name: "approval signed over a proposed supplement, acknowledged", setup: submittedWith(OpinionSupplement, ""), by: leader,
			body: &Signed{Acknowledged: OpinionSupplement}},
		{name: "refusal signed over a proposed refusal", setup: submittedWith(OpinionRefuse, ""), by: leader, body: &Refused{Reason: "Không đủ điều kiện"}},
		{name: "appraisal proposing a supplement", setup: to(StatusAssigned), by: officer, body: &Appraised{Opinion: OpinionSupplement, Note: "Thiếu giấy chứng sinh"}},
		{name: "appraisal with an unknown opinion", setup: to(StatusAssigned), by: officer, body: &Appraised{Opinion: "maybe"}, want: CodeBadValue, field: "opinion"},
		{name: "return to nobody", setup: to(StatusResultAtDesk), by: clerk, body: &Returned{Rating: RatingSatisfied}, want: CodeBadValue, field: "recipient"},
		{name: "return to blanks", setup: to(StatusResultAtDesk), by: clerk, body: &Returned{Recipient: "  "}, want: CodeBadValue, field: "recipient"},
		{name: "return to the applicant, rated", setup: to(StatusResultAtDesk), by: clerk, body: &Returned{Recipient: "Nguyễn Thị Hồng", Rating: RatingSatisfied}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFlow(t)
			c.setup(f)
			a, err := NewAction(c.body)
			if err != nil {
				t.Fatal(err)
			}
			err = Check(f.d, a, c.by, late0, f.cal)
			if got := CodeOf(err); got != c.want {
				t.Fatalf("Check = %v (code %q), want code %q", err, got, c.want)
			}
			if c.want == "" {
				return
			}
			re := err.(*RuleError)
			if re.Params["field"] != c.field || re.Params["opinion"] != c.opinion {
				t.Errorf("params = %v, want field %q, opinion %q", re.Params, c.field, c.opinion)
			}
		})
	}
}

// TestSignOfferedOverARefusal checks that the leader is still offered the
// signature (the form then asks for the acknowledgement) and the refusal,
// and that a signature recorded before the rule, without acknowledgement,
// still folds: the rule is Check's, not Fold's.
func TestSignOfferedOverARefusal(t *testing.T) {
	h := func(hh, mm int) time.Time { return at(2026, time.March, 2, hh, mm) }
	f := newFlow(t)
	f.to(StatusAssigned).do(officer, &Appraised{Opinion: OpinionRefuse, Note: "Không đủ điều kiện"}, h(11, 0))
	f.do(officer, &Submitted{To: leader.UserID, Step: f.plan(KindSubmitted, h(13, 0))}, h(13, 0))
	var kinds []Kind
	for _, a := range AllowedActions(f.d, leader, late0, f.cal) {
		kinds = append(kinds, a.Kind)
	}
	for _, k := range []Kind{KindSigned, KindRefused} {
		if !slices.Contains(kinds, k) {
			t.Errorf("the leader is offered %v, not %s", kinds, k)
		}
	}
	if f.d.Appraisal == nil || f.d.Appraisal.Opinion != OpinionRefuse || f.d.Appraisal.Note != "Không đủ điều kiện" {
		t.Fatalf("appraisal = %+v", f.d.Appraisal)
	}
	f.force(leader, &Signed{Number: "1/QĐ"}, h(14, 0))
	if f.d.Status != StatusSigned {
		t.Errorf("an old unacknowledged signature folds to %s, want %s", f.d.Status, StatusSigned)
	}
}
