package app

import (
	"testing"
)

func TestPrintSettingsAreInheritedAndChooseTheBook(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	var r PrintSettingsReply
	e.mustCall(t, admin, "Print.Settings", PrintSettingsRequest{}, &r)
	if r.Settings.ReceiptCopies != DefaultReceiptCopies || r.Source != "" || len(r.Settings.Books) != 0 {
		t.Fatalf("defaults: %+v", r)
	}
	if got := bookFor(e.st, "38001", "Hộ tịch"); got != "" {
		t.Fatalf("with no books, a dossier goes in the general book, not %q", got)
	}
	set := PrintSettings{ReceiptCopies: 3, ContactPhone: "0237 3690 001", Books: []BookDef{
		{ID: "ht", Name: "Sổ theo dõi hồ sơ lĩnh vực Hộ tịch", Sectors: []string{" Hộ tịch "}},
		{ID: "CT", Name: "Sổ theo dõi hồ sơ lĩnh vực Chứng thực", Sectors: []string{"Chứng thực"}},
		{ID: "K", Name: "Sổ theo dõi hồ sơ các lĩnh vực khác"},
	}}
	e.mustCall(t, admin, "Print.SetSettings", SetSettingsRequest{Settings: set}, &r)
	if r.Source != "38001" || r.Settings.ReceiptCopies != 3 || r.Settings.Books[0].ID != "HT" || r.Settings.Books[0].Sectors[0] != "Hộ tịch" {
		t.Fatalf("saved: %+v", r)
	}
	for sector, want := range map[string]string{"Hộ tịch": "HT", "HỘ TỊCH": "HT", "Chứng thực": "CT", "Cư trú": "K"} {
		if got := bookFor(e.st, "38001", sector); got != want {
			t.Errorf("sector %q goes in book %q, want %q", sector, got, want)
		}
	}
	if got := contactPhone(e.st, "38001"); got != "0237 3690 001" {
		t.Errorf("contact phone %q", got)
	}
	// An office below with none of its own inherits them.
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "3800101", Name: "Điểm tiếp nhận thôn 1", Parent: "38001"}, nil)
	e.mustCall(t, admin, "Print.Settings", PrintSettingsRequest{Office: "3800101"}, &r)
	if r.Source != "38001" || r.Settings.ReceiptCopies != 3 {
		t.Fatalf("inherited: %+v", r)
	}
}

func TestPrintSettingsRefuseBadInputAndRecordNothing(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	book := func(id, name string, sectors ...string) BookDef { return BookDef{ID: id, Name: name, Sectors: sectors} }
	for _, c := range []struct {
		ps    PrintSettings
		field string
	}{
		{PrintSettings{ReceiptCopies: 0}, "receiptCopies"},
		{PrintSettings{ReceiptCopies: 9}, "receiptCopies"},
		{PrintSettings{ReceiptCopies: 2, ContactPhone: "abc"}, "contactPhone"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("HỘ", "Sổ")}}, "books[0].id"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("1A", "Sổ")}}, "books[0].id"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("A", "Sổ A"), book("A", "Sổ B")}}, "books[1].id"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("A", "")}}, "books[0].name"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("A", "Sổ\u202e")}}, "settings.books[0].name"}, // the registry's (text.go)
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("A", "Sổ A"), book("B", "Sổ B")}}, "books[1].sectors"},
		{PrintSettings{ReceiptCopies: 2, Books: []BookDef{book("A", "Sổ A", "Hộ tịch"), book("B", "Sổ B", "hộ tịch")}}, "books[1].sectors[0]"},
	} {
		err := e.call(t, admin, "Print.SetSettings", SetSettingsRequest{Settings: c.ps}, nil)
		if err == nil || err.Code != CodeInvalidInput || err.Field != c.field {
			t.Errorf("%+v: got %v, want a field error on %s", c.ps, err, c.field)
		}
	}
	var r PrintSettingsReply
	e.mustCall(t, admin, "Print.Settings", PrintSettingsRequest{}, &r)
	if r.Source != "" {
		t.Fatalf("a refused setting was recorded: %+v", r)
	}
}
