package app

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"hoso/dossier"
	"hoso/store"
)

// An office's settings for what its desks print, one record per office
// under the settings prefix, so they travel to the offices below like the
// rest of the reference data and are inherited by those with none of
// their own.
const (
	printSettingsPrefix     = settingsPrefix + "print/"
	kindPrintSettingsSet    = "setting.print"
	printSettingsProjection = "printsettings"
)

// Bounds on the print settings.
const (
	// DefaultReceiptCopies is how many copies of a receipt a desk prints
	// when its office sets none: one for the citizen, one for the file.
	DefaultReceiptCopies = 2
	maxReceiptCopies     = 5
	maxBooks             = 20
	maxBookSectors       = 30
)

// BookDef is one tracking book an office keeps: the 2025 form set keeps
// one per sector or group of sectors (Form 07's note); each is numbered
// per year on its own.
type BookDef struct {
	// ID is the book's short identifier, part of the volume number.
	ID string `json:"id"`
	// Name is printed as the book's title line, e.g. "Lĩnh vực Hộ tịch".
	Name string `json:"name"`
	// Sectors are the catalog's sectors whose dossiers go in this book; a
	// book with none takes every sector no other book names.
	Sectors []string `json:"sectors"`
}

// PrintSettings are an office's settings for its papers.
type PrintSettings struct {
	// ReceiptCopies is how many copies of a receipt (and of the Form 02 of
	// an incomplete dossier) the intake screen prints at once.
	ReceiptCopies int `json:"receiptCopies"`
	// ContactPhone is the number Form 02 gives the citizen to call; empty
	// uses the office record's phone.
	ContactPhone string `json:"contactPhone"`
	// Books are the tracking books the office keeps; none means one book
	// for every sector.
	Books []BookDef `json:"books"`
}

// printSettingsRecord is an office's own settings, folded from its events.
type printSettingsRecord struct {
	Settings *PrintSettings `json:"settings"`
	Version  int            `json:"version"`
}

var printSettingsProj = jsonProjection[printSettingsRecord]{
	name:   printSettingsProjection,
	prefix: printSettingsPrefix,
	apply: func(s *printSettingsRecord, e *store.Event) {
		var ps PrintSettings
		if e.Kind == kindPrintSettingsSet && decodeBody(e, &ps) && ps.validate() == nil {
			s.Settings, s.Version = &ps, s.Version+1
		}
	},
}

func printSettingsSubject(office string) string { return printSettingsPrefix + office }

// validate checks settings and returns the first problem as a field error.
func (ps *PrintSettings) validate() error {
	switch {
	case ps.ReceiptCopies < 1 || ps.ReceiptCopies > maxReceiptCopies:
		return FieldError("receiptCopies", "a receipt is printed in 1 to %d copies", maxReceiptCopies)
	case ps.ContactPhone != "" && !officePhonePattern.MatchString(ps.ContactPhone):
		return FieldError("contactPhone", "a phone number is 8 to 15 digits, spaces, dots or a leading +")
	case len(ps.Books) > maxBooks:
		return FieldError("books", "at most %d books", maxBooks)
	}
	ids, sectors := map[string]bool{}, map[string]string{}
	catchAll := false
	for i, b := range ps.Books {
		at := fmt.Sprintf("books[%d]", i)
		switch {
		case !dossier.ValidBookID(b.ID):
			return FieldError(at+".id", "a book's identifier is a capital letter, then up to 7 capitals or digits")
		case ids[b.ID]:
			return FieldError(at+".id", "two books are called %s", b.ID)
		case strings.TrimSpace(b.Name) == "" || len(b.Name) > 200 || !plainText(b.Name):
			return FieldError(at+".name", "a book's name is one line of at most 200 bytes")
		case len(b.Sectors) > maxBookSectors:
			return FieldError(at+".sectors", "at most %d sectors a book", maxBookSectors)
		case len(b.Sectors) == 0 && catchAll:
			return FieldError(at+".sectors", "only one book may take every other sector")
		}
		ids[b.ID] = true
		catchAll = catchAll || len(b.Sectors) == 0
		for j, s := range b.Sectors {
			key := fold(s)
			if key == "" || len(s) > 200 || !plainText(s) {
				return FieldError(fmt.Sprintf("%s.sectors[%d]", at, j), "a sector's name is one line of at most 200 bytes")
			}
			if other, dup := sectors[key]; dup {
				return FieldError(fmt.Sprintf("%s.sectors[%d]", at, j), "sector %q is already in book %s", s, other)
			}
			sectors[key] = b.ID
		}
	}
	return nil
}

// normalise trims the settings' texts and puts them in NFC.
func (ps *PrintSettings) normalise() {
	ps.ContactPhone = strings.TrimSpace(ps.ContactPhone)
	for i := range ps.Books {
		b := &ps.Books[i]
		b.ID = strings.ToUpper(strings.TrimSpace(b.ID))
		b.Name = norm.NFC.String(strings.TrimSpace(b.Name))
		var sectors []string
		for _, s := range b.Sectors {
			if s = norm.NFC.String(strings.TrimSpace(s)); s != "" {
				sectors = append(sectors, s)
			}
		}
		b.Sectors = sectors
	}
}

// printSettings returns the settings in force at an office: its own, else
// those of the nearest office above it with some, else the defaults; and
// the office whose settings they are ("" for the defaults).
func printSettings(st *store.Store, office string) (PrintSettings, string, error) {
	out, source := PrintSettings{ReceiptCopies: DefaultReceiptCopies, Books: []BookDef{}}, ""
	err := upTree(st, office, func(code string) (bool, error) {
		var r printSettingsRecord
		if _, err := readState(st, printSettingsProjection, printSettingsSubject(code), &r); err != nil || r.Settings == nil {
			return false, err
		}
		out, source = *r.Settings, code
		if out.Books == nil {
			out.Books = []BookDef{}
		}
		return true, nil
	})
	if err != nil {
		return PrintSettings{}, "", Wrap(CodeInternal, err, "reading the print settings")
	}
	return out, source, nil
}

// bookFor returns the tracking book a dossier of sector goes in at
// office: the book naming the sector, else the book taking every other
// sector, else "" (the office's one general book).
func bookFor(st *store.Store, office, sector string) string {
	ps, _, err := printSettings(st, office)
	if err != nil {
		return ""
	}
	return ps.bookFor(sector)
}

// bookFor is bookFor on settings already read.
func (ps PrintSettings) bookFor(sector string) string {
	key, other := fold(sector), ""
	for _, b := range ps.Books {
		if len(b.Sectors) == 0 {
			other = b.ID
		}
		for _, s := range b.Sectors {
			if fold(s) == key {
				return b.ID
			}
		}
	}
	return other
}

// book returns the definition of a book by its ID.
func (ps PrintSettings) book(id string) (BookDef, bool) {
	for _, b := range ps.Books {
		if b.ID == id {
			return b, true
		}
	}
	return BookDef{}, false
}

// contactPhone is the phone Form 02 prints for an office: its settings'
// contact, else the office record's phone.
func contactPhone(st *store.Store, office string) string {
	if ps, _, err := printSettings(st, office); err == nil && ps.ContactPhone != "" {
		return ps.ContactPhone
	}
	if o, err := getOffice(st, office); err == nil {
		return o.Phone
	}
	return ""
}

// PrintSettingsRequest names the office whose settings are read; empty is
// the caller's.
type PrintSettingsRequest struct {
	Office string `json:"office"`
}

// PrintSettingsReply is the settings in force at an office.
type PrintSettingsReply struct {
	Office string `json:"office"`
	// Source is the office whose own settings these are; "" for the
	// defaults.
	Source   string        `json:"source"`
	Settings PrintSettings `json:"settings"`
}

// Settings returns the print settings in force at an office: receipt
// copies, the phone Form 02 gives, the tracking books kept.
func (p *Print) Settings(ctx context.Context, req PrintSettingsRequest) (PrintSettingsReply, error) {
	d, err := p.core.Deps()
	if err != nil {
		return PrintSettingsReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	ps, source, err := printSettings(d.Store, office)
	if err != nil {
		return PrintSettingsReply{}, err
	}
	return PrintSettingsReply{Office: office, Source: source, Settings: ps}, nil
}

// SetSettingsRequest is an office's own print settings.
type SetSettingsRequest struct {
	Settings PrintSettings `json:"settings"`
}

// SetSettings records the caller's office's own print settings, after
// checking them; they are in force there and below, where no office sets
// its own. Books already numbered keep their entries.
func (p *Print) SetSettings(ctx context.Context, req SetSettingsRequest) (PrintSettingsReply, error) {
	ps := req.Settings
	ps.normalise()
	if err := ps.validate(); err != nil {
		return PrintSettingsReply{}, err
	}
	d, err := p.core.Deps()
	if err != nil {
		return PrintSettingsReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindPrintSettingsSet, Subject: printSettingsSubject(office), Body: mustJSON(ps)}
	if _, err := d.Store.Append(draft); err != nil {
		return PrintSettingsReply{}, appendErr(err, "saving the print settings")
	}
	return p.Settings(ctx, PrintSettingsRequest{Office: office})
}
