package iso

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
)

func sampleProcedure() catalog.Procedure {
	fee := int64(8000)
	return catalog.Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Sector: "Hộ tịch", Level: catalog.LevelCommune,
		TimeLimitWD: 1, FeeVND: &fee, FeeNote: "Thông tư 85/2019/TT-BTC", Basis: "Luật Hộ tịch 2014 điều 16",
		Documents: []catalog.Document{
			{Name: "Tờ khai đăng ký khai sinh", Form: catalog.FormOriginal, Count: 1, Required: true},
			{Name: "Giấy chứng sinh", Form: catalog.FormOriginal, Count: 1, Required: true},
			{Name: "Căn cước của người đi đăng ký", Form: catalog.FormShow, Count: 1, Required: true},
		},
		Steps: []catalog.Step{
			{Name: "Tiếp nhận hồ sơ", Role: catalog.RoleClerk, Hours: 1, Form: "Mẫu 01"},
			{Name: "Thẩm định hồ sơ", Role: catalog.RoleOfficer, Hours: 5, Form: "Mẫu 05"},
			{Name: "Ký duyệt", Role: catalog.RoleLeader, Hours: 1, Form: "Mẫu 05"},
			{Name: "Trả kết quả", Role: catalog.RoleClerk, Hours: 1},
		},
		Active: true,
	}
}

func TestGenerateProcess(t *testing.T) {
	p := sampleProcedure()
	doc := GenerateProcess("UBND xã Đông Hòa", p, 3)
	if doc.Code != "QT-1.001193" || doc.CatalogVersion != 3 || doc.Source != SourceHash(p) {
		t.Fatalf("code, version or source wrong: %+v", doc)
	}
	if len(doc.Steps) != 4 || doc.Steps[3].No != 4 || doc.Steps[1].Role != catalog.RoleOfficer || doc.DefaultSteps {
		t.Errorf("steps not taken from the catalog: %+v", doc.Steps)
	}
	if !strings.Contains(doc.Purpose, "UBND xã Đông Hòa") || !strings.Contains(doc.Scope, "Hộ tịch") {
		t.Errorf("purpose or scope do not name the office and sector: %q / %q", doc.Purpose, doc.Scope)
	}
	if doc.Fee != "8.000 đ (Thông tư 85/2019/TT-BTC)" {
		t.Errorf("fee = %q", doc.Fee)
	}
	want := []string{"Mẫu 01 (Tiếp nhận hồ sơ)", "Mẫu 05 (Thẩm định hồ sơ)", "Hồ sơ đã nộp: Tờ khai đăng ký khai sinh; Giấy chứng sinh", "Bản lưu kết quả giải quyết thủ tục hành chính"}
	if strings.Join(doc.Records, "|") != strings.Join(want, "|") {
		t.Errorf("records = %q, want %q (forms once each, shown papers not kept)", doc.Records, want)
	}
	p.Steps = nil
	if doc := GenerateProcess("", p, 1); !doc.DefaultSteps || len(doc.Steps) == 0 {
		t.Errorf("a catalog without steps does not take the default table: %+v", doc.Steps)
	}
}

func TestSourceHash(t *testing.T) {
	p := sampleProcedure()
	h := SourceHash(p)
	q := p
	q.Active, q.Confidence = false, catalog.ConfidenceLaw
	if SourceHash(q) != h {
		t.Error("activity or confidence changed the hash; they do not change the process")
	}
	q = sampleProcedure()
	q.Steps[1].Hours = 4
	if SourceHash(q) == h {
		t.Error("a changed step time kept the hash")
	}
}

func TestFeeText(t *testing.T) {
	for _, c := range []struct {
		rule catalog.FeeRule
		want string
	}{
		{catalog.FeeRule{Kind: catalog.FeeFree}, "Miễn phí"},
		{catalog.FeeRule{Kind: catalog.FeeFixed, VND: 10000, Per: "bản"}, "10.000 đ/bản"},
		{catalog.FeeRule{Kind: catalog.FeePerPage, VNDPerPage: 2000}, "2.000 đ/trang"},
		{catalog.FeeRule{Kind: catalog.FeeProvincial, Basis: "NQ 12/2025"}, "Theo nghị quyết của Hội đồng nhân dân tỉnh (NQ 12/2025)"},
	} {
		if got := FeeText(c.rule); got != c.want {
			t.Errorf("FeeText(%+v) = %q, want %q", c.rule, got, c.want)
		}
	}
}

// draft adds revision n drafted from doc to p.
func draft(p *Process, n int, source string) {
	p.ApplyDrafted(ProcessDrafted{Revision: n, Doc: ProcessDoc{Source: source}, DraftedBy: "u1", DraftedAt: time.Unix(0, 0)})
}

func TestProcessLifecycle(t *testing.T) {
	var p Process
	if err := CheckDraft(&p, "a"); err != nil {
		t.Fatalf("first draft refused: %v", err)
	}
	draft(&p, 1, "a")
	if err := CheckDraft(&p, "b"); !errors.Is(err, ErrPendingDraft) {
		t.Errorf("second pending draft: %v, want ErrPendingDraft", err)
	}
	p.ApplyApproved(ProcessApproved{Revision: 1, InForce: "2026-01-05", ApprovedBy: "lead"})
	cur, ok := p.InForce()
	if !ok || cur.Revision != 1 || cur.Issue != 1 || cur.InForce != "2026-01-05" {
		t.Fatalf("in force = %+v, %v", cur, ok)
	}
	if err := CheckDraft(&p, "a"); !errors.Is(err, ErrUnchanged) {
		t.Errorf("draft of an unchanged catalog: %v, want ErrUnchanged", err)
	}
	draft(&p, 2, "b")
	p.ApplyApproved(ProcessApproved{Revision: 2, Seen: 1, InForce: "2026-06-01", ApprovedBy: "lead"})
	old, _ := p.Revision(1)
	cur, _ = p.InForce()
	if old.State != StateSuperseded || old.SupersededBy != 2 || old.SupersededOn != "2026-06-01" {
		t.Errorf("revision 1 not superseded: %+v", old)
	}
	if cur.Revision != 2 || cur.Issue != 2 || len(p.Revisions) != 2 || len(p.Conflicts) != 0 {
		t.Errorf("revision 2 not in force as issue 2: %+v (conflicts %q)", cur, p.Conflicts)
	}
	if p.NextRevision() != 3 {
		t.Errorf("next revision = %d", p.NextRevision())
	}
}

// TestProcessConflicts: what two desks write concurrently is set aside in
// the fold and listed, never applied over the other.
func TestProcessConflicts(t *testing.T) {
	var p Process
	draft(&p, 1, "a")
	draft(&p, 1, "b") // another desk's draft with the same number
	if len(p.Revisions) != 1 || p.Revisions[0].Doc.Source != "a" || len(p.Conflicts) != 1 {
		t.Fatalf("second draft of revision 1 applied: %+v", p)
	}
	draft(&p, 2, "c") // a draft while 1 is pending
	if len(p.Revisions) != 1 || len(p.Conflicts) != 2 {
		t.Fatalf("a draft over a pending one applied: %+v", p)
	}
	p.ApplyApproved(ProcessApproved{Revision: 1, InForce: "2026-01-05"})
	p.ApplyApproved(ProcessApproved{Revision: 1, InForce: "2026-02-05"}) // the other desk's approval
	if cur, _ := p.InForce(); cur.InForce != "2026-01-05" || len(p.Conflicts) != 3 {
		t.Fatalf("second approval overwrote the first: %+v", p)
	}
	draft(&p, 2, "d")
	p.ApplyApproved(ProcessApproved{Revision: 2, Seen: 0, InForce: "2026-03-01"}) // saw none in force
	if cur, _ := p.InForce(); cur.Revision != 1 || len(p.Conflicts) != 4 || !strings.Contains(p.Conflicts[3], "not the one in force") {
		t.Fatalf("a stale approval applied: %+v", p)
	}
}

func TestCheckApprove(t *testing.T) {
	today := time.Date(2026, 12, 7, 15, 0, 0, 0, calendar.Zone)
	var p Process
	draft(&p, 1, "a")
	p.ApplyApproved(ProcessApproved{Revision: 1, InForce: "2026-12-20"})
	draft(&p, 2, "b")
	for _, c := range []struct {
		name string
		a    ProcessApproved
		want error
	}{
		{"ok", ProcessApproved{Revision: 2, Seen: 1, InForce: "2026-12-21"}, nil},
		{"same day as the previous", ProcessApproved{Revision: 2, Seen: 1, InForce: "2026-12-20"}, nil},
		{"not a draft", ProcessApproved{Revision: 1, Seen: 1, InForce: "2026-12-21"}, ErrNotPending},
		{"unknown revision", ProcessApproved{Revision: 9, Seen: 1, InForce: "2026-12-21"}, ErrNotPending},
		{"stale", ProcessApproved{Revision: 2, Seen: 0, InForce: "2026-12-21"}, ErrStale},
		{"not a date", ProcessApproved{Revision: 2, Seen: 1, InForce: "21/12/2026"}, ErrInForceDate},
		{"before today", ProcessApproved{Revision: 2, Seen: 1, InForce: "2026-12-06"}, ErrInForceDate},
		{"before the previous", ProcessApproved{Revision: 2, Seen: 1, InForce: "2026-12-19"}, ErrInForceDate},
		{"more than a year ahead", ProcessApproved{Revision: 2, Seen: 1, InForce: "2028-01-01"}, ErrInForceDate},
	} {
		err := CheckApprove(&p, c.a, today)
		if (c.want == nil && err != nil) || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Today itself is allowed for a first approval.
	var q Process
	draft(&q, 1, "a")
	if err := CheckApprove(&q, ProcessApproved{Revision: 1, InForce: "2026-12-07"}, today); err != nil {
		t.Errorf("today refused: %v", err)
	}
}
