package app

import (
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

// receivedRules returns the rule versions a dossier's reception recorded.
func receivedRules(t *testing.T, e *testEnv, code string) map[string]string {
	t.Helper()
	evs, err := e.st.Events(dossierPrefix + code)
	if err != nil || len(evs) == 0 {
		t.Fatalf("events of %s: %v", code, err)
	}
	b, err := dossier.Decode(dossier.KindReceived, evs[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	return b.(*dossier.Received).Rules
}

// receiveWithAllPapers receives a dossier of procedure 1.004837 with every
// paper its catalog entry lists.
func receiveWithAllPapers(t *testing.T, s *staffEnv, name string) string {
	t.Helper()
	var r procedureRecord
	if _, err := readState(s.st, procedureProjID, procedurePrefix+"1.004837", &r); err != nil {
		t.Fatal(err)
	}
	cur, ok := r.current()
	if !ok {
		t.Fatal("no procedure 1.004837")
	}
	docs := []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}}
	for _, d := range cur.Procedure.Documents {
		docs = append(docs, dossier.ReceivedDocument{Name: d.Name, Form: d.Form, Count: max(d.Count, 1)})
	}
	var rep ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: name, CitizenID: "038095001234", Address: "Thôn 1, xã Đông Sơn", Phone: "0912345678"},
		Channel:   dossier.ChannelInPerson, Sets: 1, Documents: docs,
	}, &rep)
	if !rep.Received {
		t.Fatalf("receive: %+v", rep)
	}
	return rep.Code
}

func TestDossierKeepsTheRulesItWasComputedUnder(t *testing.T) {
	s := newStaff(t)
	first := receiveWithAllPapers(t, s, "Nguyễn Văn An")
	got := receivedRules(t, s.testEnv, first)
	if got["calendar"] != "builtin@0" || !strings.HasPrefix(got["catalog"], "1.004837@") || got["forms"] != "TT03/2025" || len(got) != 3 {
		t.Fatalf("rules of the first dossier: %v", got)
	}
	s.mustCall(t, s.admin, "Calendar.SetRules", CalendarRules{Rules: calendar.DefaultRules(), Basis: "Quyết định số 1/QĐ-UBND", Effective: "2026-01-01"}, nil)
	dec, _ := calendar.ParseDate("2026-12-28")
	s.mustCall(t, s.admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2026, ExtraDaysOff: []calendar.NamedDate{{Date: dec}}, Notes: "Công văn số 2"}}, nil)
	second := receiveWithAllPapers(t, s, "Nguyễn Văn Bình")
	got = receivedRules(t, s.testEnv, second)
	if got["calendar"] != "38001@1" || got["calendarOverride"] != "38001@1" {
		t.Fatalf("rules of the second dossier: %v", got)
	}
	// The first dossier's record is what it was.
	if got := receivedRules(t, s.testEnv, first); got["calendar"] != "builtin@0" {
		t.Fatalf("the first dossier now says %v", got)
	}
}

func TestRulesHistory(t *testing.T) {
	s := newStaff(t)
	s.mustCall(t, s.admin, "Calendar.SetRules", CalendarRules{Rules: calendar.DefaultRules(), Basis: "Quyết định số 1/QĐ-UBND", Effective: "2026-01-01"}, nil)
	s.now = s.now.Add(time.Second)
	s.mustCall(t, s.admin, "Calendar.SetRules", CalendarRules{Rules: calendar.DefaultRules(), Basis: "Quyết định số 2/QĐ-UBND", Effective: "2027-01-01"}, nil)
	dec, _ := calendar.ParseDate("2026-12-28")
	s.mustCall(t, s.admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2026, ExtraDaysOff: []calendar.NamedDate{{Date: dec}}, Notes: "Công văn số 2"}}, nil)
	var rr RulesReply
	s.mustCall(t, s.admin, "Reports.Rules", RulesRequest{}, &rr)
	s.mustCall(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: rr.Rules}, nil)
	var tr TemplatesReply
	s.mustCall(t, s.admin, "Print.Templates", TemplatesRequest{}, &tr)
	s.mustCall(t, s.admin, "Print.SetTemplate", SetTemplateRequest{Template: tr.Templates[0].Template}, nil)

	// A clerk reads it too.
	var h RulesHistoryReply
	s.mustCall(t, s.clerk, "Rules.History", RulesHistoryRequest{Kind: RuleKindCalendar}, &h)
	if len(h.Changes) != 2 {
		t.Fatalf("calendar history %+v", h.Changes)
	}
	c := h.Changes[0] // the most recent first
	if c.Basis != "Quyết định số 2/QĐ-UBND" || c.Effective != "2027-01-01" || c.Version != 2 || c.Office != "38001" ||
		c.OfficeName != "UBND xã Đông Sơn" || c.ActorName == "" || c.Actor == "" || !c.Applies || c.RecordedAt.IsZero() ||
		c.Subject != "calendar/rules/38001" || c.Event != kindCalendarRules {
		t.Fatalf("latest calendar change %+v", c)
	}
	s.mustCall(t, s.admin, "Rules.History", RulesHistoryRequest{}, &h)
	kinds := map[RuleKind]int{}
	for _, c := range h.Changes {
		kinds[c.Kind]++
		if c.Kind == RuleKindOverride && (c.Summary != "2026" || c.Basis != "Công văn số 2") {
			t.Errorf("override change %+v", c)
		}
		if c.Kind == RuleKindTemplate && !strings.HasPrefix(c.Summary, "TT03-2025/") {
			t.Errorf("template change %+v", c)
		}
	}
	if kinds[RuleKindCalendar] != 2 || kinds[RuleKindOverride] != 1 || kinds[RuleKindReport] != 1 || kinds[RuleKindTemplate] != 1 || kinds[RuleKindCatalog] == 0 {
		t.Fatalf("kinds %v", kinds)
	}
	if err := s.call(t, s.admin, "Rules.History", RulesHistoryRequest{Kind: "fees"}, nil); err == nil || err.Field != "kind" {
		t.Fatalf("unknown kind: %v", err)
	}
}

// TestRulesHistoryForgedUnderAnotherOfficeApplyNowhere: a rule the commune
// signs under the province's name is never folded (each office's rules
// are its own), so the history must not list it as applying here.
func TestRulesHistoryForgedUnderAnotherOfficeApplyNowhere(t *testing.T) {
	s := newStaff(t)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "38"}, nil)
	for _, c := range []struct {
		kind    RuleKind
		subject string
		event   string
		body    any
	}{
		{RuleKindReport, reportRulesPrefix + "38", kindReportRulesSet, report.Rules{Window: report.WindowCalendar}},
		{RuleKindCalendar, calendarRulesPrefix + "38", kindCalendarRules, map[string]any{}},
	} {
		if _, err := s.st.Append(store.Draft{Actor: "operator", Owner: "38001", Kind: c.event, Subject: c.subject, Body: mustJSON(c.body)}); err != nil {
			t.Fatal(err)
		}
		var h RulesHistoryReply
		s.mustCall(t, s.clerk, "Rules.History", RulesHistoryRequest{Kind: c.kind}, &h)
		found := false
		for _, ch := range h.Changes {
			if ch.Subject == c.subject && ch.Office == "38001" {
				found = true
				if ch.Applies {
					t.Errorf("%s: a rule signed by 38001 under %s is listed as applying", c.kind, c.subject)
				}
			}
		}
		if !found {
			t.Errorf("%s: the forged change is not listed: %+v", c.kind, h.Changes)
		}
	}
}
