package dossier

import (
	"testing"
	"time"

	"hoso/calendar"
)

// TestCodesTwoDesks: two desks of one office, offline the same day, each
// issue their 999 codes; none collide, each parses back to its desk and
// number, and the 1000th fails.
func TestCodesTwoDesks(t *testing.T) {
	day := calendar.Date{Year: 2026, Month: time.March, Day: 2}
	seen := map[string]bool{}
	for _, desk := range []int{0, 2} {
		for n := 1; n <= MaxPerDesk; n++ {
			code, err := NewCode(commune, day, desk, n)
			if err != nil {
				t.Fatal(err)
			}
			if seen[code] {
				t.Fatalf("desk %d number %d repeats %s", desk, n, code)
			}
			seen[code] = true
			c, err := ParseCode(code)
			if err != nil || c.Desk() != desk || c.N() != n || c.Day != day || c.Agency != commune || c.String() != code {
				t.Fatalf("ParseCode(%s) = %+v, %v", code, c, err)
			}
		}
		if _, err := NewCode(commune, day, desk, MaxPerDesk+1); CodeOf(err) != CodeDeskExhausted {
			t.Errorf("desk %d's 1000th code: %v", desk, err)
		}
	}
	if len(seen) != 2*MaxPerDesk {
		t.Errorf("%d codes", len(seen))
	}
}

// TestCodeFormat checks the layout and the refusals.
func TestCodeFormat(t *testing.T) {
	day := calendar.Date{Year: 2026, Month: time.November, Day: 27}
	if got := FormatCode("38001", day, 2015); got != "38001-261127-2015" {
		t.Errorf("FormatCode = %s", got)
	}
	if n, err := Serial(9, 999); n != 9999 || err != nil {
		t.Errorf("Serial(9, 999) = %d, %v", n, err)
	}
	for _, c := range []struct {
		desk, n int
		want    string
	}{{-1, 1, CodeDeskRange}, {10, 1, CodeDeskRange}, {0, 0, CodeBadCode}, {3, 1000, CodeDeskExhausted}} {
		if _, err := Serial(c.desk, c.n); CodeOf(err) != c.want {
			t.Errorf("Serial(%d, %d): %v, want %s", c.desk, c.n, err, c.want)
		}
	}
	if _, err := NewCode("38-001", day, 0, 1); CodeOf(err) != CodeBadCode {
		t.Errorf("an agency with a hyphen: %v", err)
	}
	if _, err := NewCode("38001", calendar.Date{Year: 2101, Month: 1, Day: 1}, 0, 1); CodeOf(err) != CodeBadCode {
		t.Errorf("a year YY cannot hold: %v", err)
	}
	for _, s := range []string{
		"", "38001", "38001-260230-0001", "38001-261127-0000", "38001-261127-3000", "38001-261127-001",
		"38001-2611270-0001", "-261127-0001", "38001-261127-00011", "38 001-261127-0001",
	} {
		if _, err := ParseCode(s); CodeOf(err) != CodeBadCode {
			t.Errorf("ParseCode(%q) = %v", s, err)
		}
	}
}

// TestBooks: one volume per desk per year and per sector book, numbered
// from 1; the general book's volumes are written as before books per
// sector.
func TestBooks(t *testing.T) {
	cases := []struct {
		year, desk int
		book       string
		n          int
		want       Book
	}{
		{2026, 0, "", 1, Book{Volume: "2026", Number: 1}},
		{2026, 2, "", 15, Book{Volume: "2026-2", Number: 15}},
		{2027, 9, "", 1200, Book{Volume: "2027-9", Number: 1200}},
		{2026, 0, "HT", 1, Book{Volume: "2026-HT", Number: 1, Book: "HT"}},
		{2026, 1, "HT", 7, Book{Volume: "2026-1-HT", Number: 7, Book: "HT"}},
		{2026, 3, "D2", 2, Book{Volume: "2026-3-D2", Number: 2, Book: "D2"}},
		{2026, 0, "ABCDEFGH", 1, Book{Volume: "2026-ABCDEFGH", Number: 1, Book: "ABCDEFGH"}},
	}
	for _, c := range cases {
		b, err := NewBook(c.year, c.desk, c.book, c.n)
		if err != nil || b != c.want {
			t.Errorf("NewBook(%d, %d, %q, %d) = %v, %v", c.year, c.desk, c.book, c.n, b, err)
		}
		y, d, id, err := ParseVolume(b.Volume)
		if err != nil || y != c.year || d != c.desk || id != c.book {
			t.Errorf("ParseVolume(%s) = %d, %d, %q, %v", b.Volume, y, d, id, err)
		}
	}
	if s := (Book{Volume: "2026-2", Number: 5}).String(); s != "Quyển số 2026-2, số thứ tự 05" {
		t.Errorf("String = %q", s)
	}
	for _, v := range []string{"", "26", "2026-0", "2026-10", "2026-02", "2026-x", "x-1", "+202", "2026-HT-1",
		"2026-1-2", "2026-1-HT-X", "2026-ht", "2026-1HT", "2026-ABCDEFGHI", "2026-", "2026--HT"} {
		if _, _, _, err := ParseVolume(v); CodeOf(err) != CodeBadBook {
			t.Errorf("ParseVolume(%q) = %v", v, err)
		}
	}
	if _, err := NewBook(2026, 0, "", 0); CodeOf(err) != CodeBadBook {
		t.Errorf("entry 0: %v", err)
	}
	for _, id := range []string{"1", "12", "ht", "H-T", "ABCDEFGHI", " HT"} {
		if _, err := NewBook(2026, 0, id, 1); CodeOf(err) != CodeBadBook {
			t.Errorf("book id %q: %v", id, err)
		}
	}
}

// TestReceivedBodyChecks: the receipt's code, desk and book must agree.
func TestReceivedBodyChecks(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(b *Received)
		field string
	}{
		{"code of another day", func(b *Received) { b.Code = "38001-260303-0001" }, "code"},
		{"code of another desk", func(b *Received) { b.Desk = 1 }, "desk"},
		{"agency not the code's", func(b *Received) { b.Agency = "38002" }, "agency"},
		{"book of another desk", func(b *Received) { b.Book.Volume = "2026-3" }, "book"},
		{"due before reception", func(b *Received) { b.Due = b.ReceivedAt.Add(-time.Hour) }, "due"},
		{"no documents", func(b *Received) { b.Documents = nil }, "documents"},
		{"bad form", func(b *Received) { b.Documents[0].Form = "photo" }, "documents[0].form"},
		{"no applicant", func(b *Received) { b.Applicant.FullName = " " }, "applicant.fullName"},
		{"short citizen ID", func(b *Received) { b.Applicant.CitizenID = "03819000012" }, "applicant.citizenId"},
		{"book of another sector", func(b *Received) { b.Book.Book = "HT" }, "book"},
		{"sector book id not in the volume", func(b *Received) { b.Book.Volume = "2026-DD"; b.Book.Book = "HT" }, "book"},
		{"bad book id", func(b *Received) { b.Book.Volume = "2026-ht"; b.Book.Book = "ht" }, "book"},
		{"sector book", func(b *Received) { b.Book.Volume = "2026-HT"; b.Book.Book = "HT" }, ""},
		{"bad channel", func(b *Received) { b.Channel = "fax" }, "channel"},
		{"no sets", func(b *Received) { b.Sets = 0 }, "sets"},
		{"fine", func(*Received) {}, ""},
	}
	for _, c := range cases {
		f := newFlow(t)
		b := f.received(day0, 0, 1)
		c.edit(b)
		a, err := NewAction(b)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(Dossier{}, a, clerk, day0, f.cal)
		got := ""
		if re, ok := err.(*RuleError); ok {
			got = re.Params["field"]
		}
		if got != c.field || (c.field == "") != (err == nil) {
			t.Errorf("%s: %v (field %q), want field %q", c.name, err, got, c.field)
		}
	}
}
