package dossier

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
)

// Dossier codes and tracking books.
//
// A dossier code is <agency>-YYMMDD-XXXX (DOMAIN.md §2): the receiving
// agency's id, the day of reception and a four-digit sequence number. The
// law has a central system issue XXXX; a desk offline must issue a code at
// once, and two desks of one office offline the same day must never issue
// the same one. So each desk of an office has an index, 0–MaxDesk, given
// when the device is enrolled, and its own block of each day's numbers:
//
//	XXXX = desk × 1000 + n,  n = 1 … MaxPerDesk, counted per desk per day
//
// Desk 0 issues 0001–0999, desk 2 issues 2001–2999, and so on: at most
// MaxPerDesk dossiers per desk per day and ten desks per office, 9,990
// dossiers a day. Numbers x000 are never issued. When a desk has issued
// MaxPerDesk codes in a day, Serial fails with CodeDeskExhausted and the
// clerk receives on another desk; a code is never reused, so the desk's
// daily counter must be kept with the events it issues.
const (
	// MaxDesk is the highest desk index.
	MaxDesk = 9
	// MaxPerDesk is the most codes one desk issues in a day.
	MaxPerDesk = 999
)

// agencyRE is what an agency id may be: letters, digits and dots, with no
// hyphen (which separates the code's parts).
var agencyRE = regexp.MustCompile(`^[A-Za-z0-9.]{1,32}$`)

var codeRE = regexp.MustCompile(`^([A-Za-z0-9.]{1,32})-(\d{2})(\d{2})(\d{2})-(\d{4})$`)

// Serial returns the code's sequence number for the n-th dossier of the
// day at desk: desk × 1000 + n. It fails with CodeDeskRange for a desk
// outside 0–MaxDesk and CodeDeskExhausted for n beyond MaxPerDesk.
func Serial(desk, n int) (int, error) {
	switch {
	case desk < 0 || desk > MaxDesk:
		return 0, ruleErr(CodeDeskRange, "desk %d is not between 0 and %d", desk, MaxDesk).with("desk", itoa(desk))
	case n > MaxPerDesk:
		return 0, ruleErr(CodeDeskExhausted, "desk %d has issued its %d codes for the day", desk, MaxPerDesk).
			with("desk", itoa(desk)).with("limit", itoa(MaxPerDesk))
	case n < 1:
		return 0, ruleErr(CodeBadCode, "dossier number %d is not positive", n)
	}
	return desk*1000 + n, nil
}

// FormatCode writes the code of the dossier numbered n (a Serial) received
// by agency on day: <agency>-YYMMDD-XXXX. It does not check its arguments;
// NewCode does.
func FormatCode(agency string, day calendar.Date, n int) string {
	return fmt.Sprintf("%s-%02d%02d%02d-%04d", agency, day.Year%100, int(day.Month), day.Day, n)
}

// NewCode returns the code of the n-th dossier of the day at desk, checking
// every part: an agency id of letters, digits and dots, a day in 2000–2099
// (YY has two digits) and Serial's limits.
func NewCode(agency string, day calendar.Date, desk, n int) (string, error) {
	if !agencyRE.MatchString(agency) {
		return "", ruleErr(CodeBadCode, "%q is not an agency id", agency)
	}
	if _, err := calendar.NewDate(day.Year, day.Month, day.Day); err != nil || day.Year < 2000 || day.Year > 2099 {
		return "", ruleErr(CodeBadCode, "%s is not a day a code can hold", day)
	}
	serial, err := Serial(desk, n)
	if err != nil {
		return "", err
	}
	return FormatCode(agency, day, serial), nil
}

// Code is a parsed dossier code.
type Code struct {
	Agency string        `json:"agency"`
	Day    calendar.Date `json:"day"`
	// Serial is XXXX.
	Serial int `json:"serial"`
}

// Desk returns the index of the desk that issued the code.
func (c Code) Desk() int { return c.Serial / 1000 }

// N returns the code's number within its desk's day.
func (c Code) N() int { return c.Serial % 1000 }

// String writes the code.
func (c Code) String() string { return FormatCode(c.Agency, c.Day, c.Serial) }

// ParseCode reads a code written by FormatCode, with a real day of
// 2000–2099 and a number a desk issues (never x000).
func ParseCode(s string) (Code, error) {
	m := codeRE.FindStringSubmatch(s)
	if m == nil {
		return Code{}, ruleErr(CodeBadCode, "%q is not <agency>-YYMMDD-XXXX", s).with("code", s)
	}
	yy, _ := strconv.Atoi(m[2])
	mm, _ := strconv.Atoi(m[3])
	dd, _ := strconv.Atoi(m[4])
	serial, _ := strconv.Atoi(m[5])
	day, err := calendar.NewDate(2000+yy, time.Month(mm), dd)
	if err != nil {
		return Code{}, ruleErr(CodeBadCode, "%q has no real day", s).with("code", s)
	}
	if serial%1000 == 0 {
		return Code{}, ruleErr(CodeBadCode, "%q has a number no desk issues", s).with("code", s)
	}
	return Code{Agency: m[1], Day: day, Serial: serial}, nil
}

// Book is a tracking-book entry (Form 06 of 2018, Form 07 of 2025): the
// volume and the entry's number, printed on the receipt as "Quyển số …
// Số thứ tự …".
//
// Paper books run per year, numbered from 01 continuously (DOMAIN.md §2).
// Two desks offline cannot share one running number, so each desk keeps its
// own book each year: desk 0's volume is the year ("2026"), desk k's is the
// year and the desk ("2026-2"). Numbers run 1, 2, 3 … through the year
// within the volume and start again at 1 in the next year's volume. An
// office with one desk thus keeps exactly the law's single yearly book; an
// office with several keeps one per desk, which is how several paper books
// are kept side by side, and an inspector can still reconcile each volume
// with the codes its desk issued.
//
// The 2025 book is kept per sector or sector group (Circular 03/2025, the
// note of Form 07), as the office's settings say. Book is then the book's
// id, a capital letter and up to seven more capitals or digits ("HT" for
// civil status, "DD" for land), and ends the volume: "2026-HT",
// "2026-2-HT", each numbered on its own through the year. Book "" is the
// office's one general book, whose volumes are written as before, so
// entries made before books per sector validate unchanged. (An id starts
// with a letter so that "2026-2" is always desk 2's general book.)
type Book struct {
	Volume string `json:"volume"`
	Number int    `json:"number"`
	// Book is the id of the sector book the entry is in; "" is the
	// office's general book.
	Book string `json:"book,omitempty"`
}

// bookIDRE is what a book id may be.
var bookIDRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,7}$`)

// ValidBookID reports whether id may name a sector book: a capital letter
// then up to seven capitals or digits. "" (the general book) is not an id.
func ValidBookID(id string) bool { return bookIDRE.MatchString(id) }

// String writes the entry as the receipt does.
func (b Book) String() string {
	return fmt.Sprintf("Quyển số %s, số thứ tự %02d", b.Volume, b.Number)
}

// BookVolume returns the volume desk keeps in year of book ("" for the
// general book). It does not check book; NewBook does.
func BookVolume(year, desk int, book string) string {
	v := strconv.Itoa(year)
	if desk != 0 {
		v += "-" + strconv.Itoa(desk)
	}
	if book != "" {
		v += "-" + book
	}
	return v
}

// NewBook returns the number-th entry of desk's book for year: the general
// book when book is "", else the sector book of that id.
func NewBook(year, desk int, book string, number int) (Book, error) {
	switch {
	case desk < 0 || desk > MaxDesk:
		return Book{}, ruleErr(CodeDeskRange, "desk %d is not between 0 and %d", desk, MaxDesk).with("desk", itoa(desk))
	case year < calendar.MinYear || year > calendar.MaxYear:
		return Book{}, ruleErr(CodeBadBook, "%d is not a year of the calendar", year)
	case book != "" && !ValidBookID(book):
		return Book{}, ruleErr(CodeBadBook, "%q is not a book id (a capital letter, then up to 7 capitals or digits)", book).with("book", book)
	case number < 1:
		return Book{}, ruleErr(CodeBadBook, "entry number %d is not positive", number)
	}
	return Book{Volume: BookVolume(year, desk, book), Number: number, Book: book}, nil
}

// ParseVolume reads a volume written by BookVolume: YYYY, YYYY-desk,
// YYYY-book or YYYY-desk-book.
func ParseVolume(v string) (year, desk int, book string, err error) {
	bad := func() (int, int, string, error) {
		return 0, 0, "", ruleErr(CodeBadBook, "%q is not a volume YYYY, YYYY-desk, YYYY-book or YYYY-desk-book", v)
	}
	parts := strings.Split(v, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return bad()
	}
	if year, err = strconv.Atoi(parts[0]); err != nil || strings.Trim(parts[0], "0123456789") != "" {
		return bad()
	}
	rest := parts[1:]
	if len(rest) > 0 && !ValidBookID(rest[0]) {
		desk, err = strconv.Atoi(rest[0])
		if err != nil || desk < 1 || desk > MaxDesk || rest[0] != itoa(desk) {
			return bad()
		}
		rest = rest[1:]
	}
	switch {
	case len(rest) > 1:
		return bad()
	case len(rest) == 1:
		if !ValidBookID(rest[0]) {
			return bad()
		}
		book = rest[0]
	}
	return year, desk, book, nil
}
