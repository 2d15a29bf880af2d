package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/print"
	"hoso/store"
)

// bookPrefix starts the subject a printed tracking book's QR code names:
// book/OFFICE/FROM/TO, the days as YYYY-MM-DD.
const bookPrefix = "book/"

// maxBookDays bounds a tracking book's period.
const maxBookDays = 366

// BookRequest asks for a tracking book (Form 06 of 2018, 07 of 2025) of an office for the
// days From to To (YYYY-MM-DD, both included); an empty office is the
// caller's.
type BookRequest struct {
	Office string `json:"office"`
	From   string `json:"from"`
	To     string `json:"to"`
	// Book is which of the office's tracking books (its ID, from the print
	// settings); empty is the general book, or every dossier when the
	// office keeps one book.
	Book string `json:"book"`
}

// bookPeriod parses and checks a book's period.
func bookPeriod(from, to string) (time.Time, time.Time, error) {
	f, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(from), calendar.Zone)
	if err != nil {
		return time.Time{}, time.Time{}, FieldError("from", "the first day must be a date YYYY-MM-DD")
	}
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(to), calendar.Zone)
	if err != nil {
		return time.Time{}, time.Time{}, FieldError("to", "the last day must be a date YYYY-MM-DD")
	}
	if t.Before(f) {
		return time.Time{}, time.Time{}, FieldError("to", "the last day is before the first")
	}
	if t.Sub(f) > maxBookDays*24*time.Hour {
		return time.Time{}, time.Time{}, FieldError("to", "a book covers at most %d days", maxBookDays)
	}
	return f, t, nil
}

// bookEntries returns the dossiers office received from the day from to
// the day to, in the order they were received (then by code): those of
// the sector book of that ID, or of the general book when book is "".
func bookEntries(st *store.Store, office, book string, from, to time.Time) ([]dossier.Dossier, error) {
	lo, hi := string(dossier.DayKey(from)), string(dossier.DayKey(to))
	var out []dossier.Dossier
	// The received index is keyed by day; scan month by month.
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, calendar.Zone); !m.After(to); m = m.AddDate(0, 1, 0) {
		hits, err := st.Scan(dossierProjID, dossier.IndexReceived, store.ScanOptions{Prefix: []byte(m.Format("200601"))})
		if err != nil {
			return nil, Wrap(CodeInternal, err, "reading the book")
		}
		for _, h := range hits {
			if k := string(h.Key); k < lo || k > hi {
				continue
			}
			var ds dossier.Dossier
			if _, err := readState(st, dossierProjID, h.Subject, &ds); err != nil {
				return nil, err
			}
			if ds.Office == office && ds.Book.Book == book {
				out = append(out, ds)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b dossier.Dossier) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, nil
}

// bookHash is the hash a printed book's QR code carries: SHA-256 over each
// entry's code and the hash of all its events, in book order.
func bookHash(st *store.Store, entries []dossier.Dossier) (string, error) {
	h := sha256.New()
	for _, ds := range entries {
		evs, err := st.Events(dossierPrefix + ds.Code)
		if err != nil {
			return "", Wrap(CodeTampered, err, "the records of "+ds.Code+" do not verify")
		}
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", ds.Code, len(evs), eventsHash(evs, len(evs)))
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// bookSubject names a book in its QR code: "book/38001/2026-11-01/2026-11-30",
// with "/HT" after it for a sector book.
func bookSubject(office, book string, from, to time.Time) string {
	s := bookPrefix + office + "/" + from.Format(time.DateOnly) + "/" + to.Format(time.DateOnly)
	if book != "" {
		s += "/" + book
	}
	return s
}

// Book renders a tracking book (Form 06 of 2018, 07 of 2025) of an office for a period, A4
// landscape, one row per dossier received.
func (p *Print) Book(ctx context.Context, req BookRequest) (FormReply, error) {
	from, to, err := bookPeriod(req.From, req.To)
	if err != nil {
		return FormReply{}, err
	}
	d, err := p.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	if _, err := getOffice(d.Store, office); err != nil {
		return FormReply{}, err
	}
	r, err := p.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	settings, _, err := printSettings(d.Store, office)
	if err != nil {
		return FormReply{}, err
	}
	bookID := strings.ToUpper(strings.TrimSpace(req.Book))
	def, ok := settings.book(bookID)
	if bookID != "" && !ok {
		return FormReply{}, FieldError("book", "office %s keeps no book %q", office, bookID)
	}
	entries, err := bookEntries(d.Store, office, bookID, from, to)
	if err != nil {
		return FormReply{}, err
	}
	hash, err := bookHash(d.Store, entries)
	if err != nil {
		return FormReply{}, err
	}
	if err := logBookRead(ctx, d.Store, p.now(), office, "Print.Book", bookSubject(office, bookID, from, to), len(entries)); err != nil {
		return FormReply{}, err
	}
	// A book is printed with the set in force on its period's last day.
	set := print.SetFor(to)
	tmpl, err := resolveTemplate(d.Store, office, set, print.DocBook)
	if err != nil {
		return FormReply{}, err
	}
	subject := bookSubject(office, bookID, from, to)
	verify := strings.Join([]string{verifyPrefix, office, subject, fmt.Sprint(len(entries)), hash}, "|")
	names := map[string]string{}
	for _, ds := range entries {
		for code, n := range holderNames(d.Store, ds) {
			names[code] = n
		}
	}
	logKey := store.LocalPrintLog("06/" + subject)
	if set != print.SetTT01 {
		logKey = store.LocalPrintLog("book/" + subject)
	}
	reprint := printCount(d.Store, logKey)
	var buf bytes.Buffer
	err = r.TrackingBook(&buf, print.Book{
		Office: printOffice(d.Store, office, to), From: from, To: to, Dossiers: entries, Names: names,
		PrintedAt: p.now(), Reprint: reprint, Verify: verify, Template: tmpl.custom,
		Set: set, Name: def.Name, Sectors: def.Sectors,
	})
	if err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the tracking book")
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: p.now().UTC(), By: CallerFrom(ctx).Actor(), Template: tmpl.version, Verify: verify}); err != nil {
		return FormReply{}, err
	}
	name := office
	if bookID != "" {
		name += "-" + bookID
	}
	return FormReply{
		Filename: fmt.Sprintf("mau-%s-so-theo-doi-%s-%s-%s.pdf", tmpl.form, name, from.Format("20060102"), to.Format("20060102")),
		Mime:     "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Reprint: reprint, Verify: verify, Template: tmpl.version, Set: set, Form: tmpl.form,
	}, nil
}
