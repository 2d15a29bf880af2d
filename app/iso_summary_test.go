package app

import (
	"encoding/json"
	"slices"
	"testing"

	"hoso/iso"
)

func TestIsoSummary(t *testing.T) {
	y := newIsoYear(t)
	s := y.staffEnv
	var sum IsoSummary
	s.mustCall(t, s.clerk, "Iso.Summary", SummaryRequest{Year: 2026}, &sum)
	if sum.Office != "38001" || sum.Year != 2026 || len(sum.Objectives) != 4 || sum.LastReview != nil || sum.LastAudit != nil {
		t.Fatalf("summary %+v", sum)
	}
	for _, o := range sum.Objectives {
		switch o.Name {
		case "≥ 98% hồ sơ đúng hạn":
			if o.Value == nil || *o.Value != 50 || o.Status != iso.StatusAtRisk || o.Target != 98 {
				t.Errorf("on time %+v", o)
			}
		case "Đào tạo ISO cho cán bộ":
			if o.Value != nil || o.Status != iso.StatusNoData {
				t.Errorf("manual %+v", o)
			}
		}
	}
	s.mustCall(t, s.leader, "Iso.RecordReview", RecordReviewRequest{Period: "2026", Date: "2026-12-03", Chair: "Lê Thị Lan", Attendees: []string{"Lê Thị Lan"}, Decisions: []string{"Duy trì"}}, nil)
	s.mustCall(t, s.clerk, "Iso.Summary", SummaryRequest{Year: 2026}, &sum)
	if sum.LastReview == nil || *sum.LastReview != "2026-12-03" {
		t.Errorf("last review %v", sum.LastReview)
	}
	// A review of 2026 is not the last review of 2025.
	s.mustCall(t, s.clerk, "Iso.Summary", SummaryRequest{Year: 2025}, &sum)
	if sum.LastReview != nil || len(sum.Objectives) != 0 {
		t.Errorf("2025 %+v", sum)
	}

	// The JSON has exactly the keys.
	raw, _ := json.Marshal(sum)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"actions", "lastAudit", "lastReview", "nonconformities", "objectives", "office", "processes", "year"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v", keys)
	}
	for field, sub := range map[string][]string{
		"processes":       {"draft", "inForce", "superseded"},
		"nonconformities": {"auto", "closed", "manual", "open"},
		"actions":         {"closed", "effective", "open", "overdue"},
	} {
		var inner map[string]any
		_ = json.Unmarshal(m[field], &inner)
		var got []string
		for k := range inner {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, sub) {
			t.Errorf("%s keys %v", field, got)
		}
	}
}
