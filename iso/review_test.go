package iso

import (
	"errors"
	"testing"
)

func TestReviewValidate(t *testing.T) {
	t.Parallel()
	ok := Review{ID: "2026-12-04", Office: "38001", Date: "2026-12-04", Chair: "Lê Thị Lan", Attendees: []string{"Lê Thị Lan", "Nguyễn Thị Hồng"},
		Inputs:    ReviewInputs{From: "2026-01-01", To: "2026-12-31"},
		Decisions: []string{"Duy trì chính sách chất lượng"},
		Actions:   []ReviewAction{{Title: "Rà soát quy trình", Owner: "chuyenvien", Due: "2027-01-31"}}}
	for _, c := range []struct {
		name  string
		edit  func(r *Review)
		field string
	}{
		{"valid", func(*Review) {}, ""},
		{"no actions is fine", func(r *Review) { r.Actions = nil }, ""},
		{"bad id", func(r *Review) { r.ID = "A B" }, "id"},
		{"bad date", func(r *Review) { r.Date = "04/12/2026" }, "date"},
		{"held before the period", func(r *Review) { r.Date = "2025-12-31" }, "date"},
		{"period reversed", func(r *Review) { r.Inputs.From = "2027-01-01" }, "period"},
		{"no chair", func(r *Review) { r.Chair = " " }, "chair"},
		{"no attendees", func(r *Review) { r.Attendees = nil }, "attendees"},
		{"a blank attendee", func(r *Review) { r.Attendees = []string{"x", ""} }, "attendees"},
		{"no decision", func(r *Review) { r.Decisions = nil }, "decisions"},
		{"action without owner", func(r *Review) { r.Actions[0].Owner = "" }, "actions[0].owner"},
		{"action due before the review", func(r *Review) { r.Actions[0].Due = "2026-12-03" }, "actions[0].due"},
		{"action due not a date", func(r *Review) { r.Actions[0].Due = "soon" }, "actions[0].due"},
	} {
		r := ok
		r.Actions = append([]ReviewAction(nil), ok.Actions...)
		c.edit(&r)
		err := r.Validate()
		var fe *FieldError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.field != "" && (!errors.As(err, &fe) || fe.Field != c.field):
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
	if actionField(12, "due") != "actions[12].due" {
		t.Error(actionField(12, "due"))
	}
}
