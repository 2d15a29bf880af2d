package app

import (
	"strings"
	"testing"
	"time"

	"hoso/dossier"
)

// TestOpinionBeforeSigning follows a dossier the officer proposes to refuse
// (issue 22 item 2): the reply carries every appraisal with its event, the
// leader's plain signature of an approval is refused with the rule's code
// until the opinion is acknowledged, and the return names its recipient
// (item 8).
func TestOpinionBeforeSigning(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) // Thursday 09:00 in Vietnam
	code := s.receive(t, "Phạm Văn Cường")
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindAppraised, map[string]any{"opinion": "refuse", "note": "Không đủ điều kiện cư trú"}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
	} {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v (%v)", st.kind, err, err.Params)
		}
	}

	var got DossierReply
	s.mustCall(t, s.leader, "Dossiers.Get", DossierRequest{Code: code}, &got)
	if len(got.Appraisals) != 1 {
		t.Fatalf("appraisals %+v", got.Appraisals)
	}
	a := got.Appraisals[0]
	if a.Opinion != dossier.OpinionRefuse || a.Note != "Không đủ điều kiện cư trú" || a.By != s.ids["chuyenvien"] {
		t.Errorf("appraisal %+v", a)
	}
	var entry string
	for _, e := range got.Dossier.Timeline {
		if e.Kind == dossier.KindAppraised {
			entry = e.ID
		}
	}
	if entry == "" || a.Event != entry {
		t.Errorf("appraisal event %q, timeline entry %q", a.Event, entry)
	}

	// The control sheet carries the opinion, with the officer's name.
	var r FormReply
	s.mustCall(t, s.leader, "Print.Form", FormRequest{Form: "control", Code: code}, &r)
	// The signature labels of a row's time cell print beside its notes.
	text := strings.ReplaceAll(strings.Join(strings.Fields(replyText(t, r)), " "), "Người giao Người nhận ", "")
	if !strings.Contains(text, "Chuyển để: Lãnh đạo ký duyệt Hạn: 17 giờ 00 phút, ngày 26/11/2026 Ý kiến thẩm định (chuyenvien): Đề nghị từ chối – Không đủ điều kiện cư trú") {
		t.Errorf("the control sheet lacks the opinion:\n%s", text)
	}

	err := s.act(t, s.leader, code, dossier.KindSigned, dossier.Signed{Number: "3/QĐ"})
	if err == nil || err.Code != CodeRefused || err.Params["rule"] != dossier.CodeOpinionNotAcknowledged ||
		err.Params["opinion"] != "refuse" || err.Field != "acknowledged" {
		t.Fatalf("an unacknowledged signature: %v", err)
	}
	if err := s.act(t, s.leader, code, dossier.KindSigned, dossier.Signed{Number: "3/QĐ", Acknowledged: dossier.OpinionRefuse}); err != nil {
		t.Fatalf("an acknowledged signature: %v (%v)", err, err.Params)
	}
	if err := s.act(t, s.clerk, code, dossier.KindResultAtDesk, dossier.ResultAtDesk{}); err != nil {
		t.Fatal(err)
	}
	err = s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{Rating: "satisfied"})
	if err == nil || err.Code != CodeRefused || err.Field != "recipient" {
		t.Fatalf("a return to nobody: %v", err)
	}
	if err := s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{Recipient: "Phạm Văn Cường", Rating: "satisfied"}); err != nil {
		t.Fatalf("a return: %v (%v)", err, err.Params)
	}
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: code}, &got)
	if got.Dossier.Recipient != "Phạm Văn Cường" || got.Dossier.Rating == nil || got.Dossier.Rating.Value != "satisfied" {
		t.Errorf("returned to %q rated %+v", got.Dossier.Recipient, got.Dossier.Rating)
	}
}
