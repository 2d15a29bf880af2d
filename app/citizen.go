package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/store"
)

// The desk's look-up of a personal identification number while the clerk
// types it (issue 22 item 7): whether the number is well formed (its first
// three digits a province or country of the list held as data, see
// dossier/idcodes.go), whether this office already holds a dossier of the
// same person — the name, address and phone of the newest fill the form
// once the clerk confirms — and whether the person already filed the same
// procedure today, which the clerk is warned of and may still receive.
//
// Only the applicant's own number is looked up (not a representative's),
// and only the dossiers received at the caller's office. The contact
// details are returned only when asked for (Fill), after the clerk
// confirms; that read is logged like any read of a dossier by a user who
// does not hold it (access_log.go; the office's clerks hold its dossiers,
// so at the desk it is not).

// citizenScanLimit bounds the dossiers of one number read by a look-up: a
// person files a few dossiers a year at one office.
const citizenScanLimit = 500

// compactNumber drops the spaces (also no-break spaces) and dots a clerk
// types inside a number ("038 190 000 123", "0912.345.678"), and the white
// space around it.
func compactNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '.' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// newer reports whether dossier a was received after b; of two received
// in the same instant, the later code.
func newer(a, b dossier.Dossier) bool {
	if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
		return c > 0
	}
	return a.Code > b.Code
}

// CitizenRequest asks what the caller's office knows of a personal
// identification number. Procedure, when given, is the procedure being
// received, to find the same person's dossiers of it received today.
// Fill asks for the name, address and phone of the newest dossier.
type CitizenRequest struct {
	CitizenID string `json:"citizenId"`
	Procedure string `json:"procedure"`
	Fill      bool   `json:"fill"`
}

// CitizenContact is what a known number fills in the intake form.
type CitizenContact struct {
	FullName string `json:"fullName"`
	Address  string `json:"address"`
	Phone    string `json:"phone"`
}

// CitizenReply is what the office knows of a number.
type CitizenReply struct {
	// CitizenID is the number as checked, without spaces or dots.
	CitizenID string `json:"citizenId"`
	// Province is the name of the province its first three digits name,
	// "" for a birth registered abroad.
	Province string `json:"province"`
	// Known tells whether the office received a dossier of this person;
	// LastCode and LastReceivedAt name the newest.
	Known          bool      `json:"known"`
	LastCode       string    `json:"lastCode,omitempty"`
	LastReceivedAt time.Time `json:"lastReceivedAt,omitzero"`
	// SameToday are the codes of the person's dossiers of Procedure
	// received today at this office, oldest first.
	SameToday []string `json:"sameToday"`
	// Contact is the newest dossier's name, address and phone, only when
	// Fill was asked and the person is known.
	Contact *CitizenContact `json:"contact,omitempty"`
}

// Citizen looks up a personal identification number at the desk: its
// structure (CodeRefused with rule bad_citizen_id, field citizenId, as at
// reception), the newest dossier of the same person at the caller's office
// and the same procedure filed today; with Fill, the contact details of
// that dossier, the read logged when the caller does not hold it.
func (s *Dossiers) Citizen(ctx context.Context, req CitizenRequest) (CitizenReply, error) {
	id := compactNumber(req.CitizenID)
	if err := dossier.ValidateApplicant(dossier.Applicant{FullName: "-", CitizenID: id}); err != nil {
		e := ruleError(err)
		if ae, ok := e.(*Error); ok {
			ae.Field = "citizenId"
		}
		return CitizenReply{}, e
	}
	if id == "" {
		return CitizenReply{}, FieldError("citizenId", "the personal identification number is required")
	}
	d, err := s.core.Deps()
	if err != nil {
		return CitizenReply{}, err
	}
	province, _ := dossier.CitizenIDPlace(id)
	out := CitizenReply{CitizenID: id, Province: province, SameToday: []string{}}
	office := callerOffice(d.Store, CallerFrom(ctx))
	today := calendar.DateOf(s.now())
	procedure := strings.TrimSpace(req.Procedure)
	hits, err := d.Store.Scan(dossierProjID, dossier.IndexCitizen, store.ScanOptions{Prefix: append([]byte(id), 0), Limit: citizenScanLimit})
	if err != nil {
		return CitizenReply{}, Wrap(CodeInternal, err, "looking up the number")
	}
	var last dossier.Dossier
	var sameToday []dossier.Dossier
	for _, h := range hits {
		var ds dossier.Dossier
		if ok, err := readState(d.Store, dossierProjID, h.Subject, &ds); err != nil {
			return CitizenReply{}, err
		} else if !ok || ds.Status == "" || ds.Office != office || ds.Applicant.CitizenID != id {
			continue
		}
		if !out.Known || newer(ds, last) {
			out.Known, last = true, ds
		}
		if procedure != "" && ds.Procedure.Code == procedure && calendar.DateOf(ds.ReceivedAt) == today {
			sameToday = append(sameToday, ds)
		}
	}
	slices.SortFunc(sameToday, func(a, b dossier.Dossier) int {
		if newer(a, b) {
			return 1
		}
		return -1
	})
	for _, ds := range sameToday {
		out.SameToday = append(out.SameToday, ds.Code)
	}
	if !out.Known {
		return out, nil
	}
	out.LastCode, out.LastReceivedAt = last.Code, last.ReceivedAt.In(calendar.Zone)
	if req.Fill {
		if err := logDossierRead(ctx, d.Store, s.now(), last, nil, "Dossiers.Citizen", ""); err != nil {
			return CitizenReply{}, err
		}
		a := last.Applicant
		out.Contact = &CitizenContact{FullName: a.FullName, Address: a.Address, Phone: a.Phone}
	}
	return out, nil
}
