package app

import (
	"context"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"hoso/store"
	"hoso/textcheck"
)

// OfficeRecord is an office of the tree: province (2-digit code), district
// (3), commune (5), or any other level; the tree is data, any depth.
type OfficeRecord struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Parent is the code of the office above, "" for a root (a province).
	Parent string `json:"parent"`
	// AgencyID is the one-stop agency's identifier, the first part of its
	// dossier codes (<agency>-YYMMDD-XXXX); it defaults to the code.
	AgencyID string `json:"agencyId"`
	// Header is the issuing body the office's papers name in bold, when it
	// is not the office itself: a commune's "Trung tâm Phục vụ hành chính
	// công xã …" prints under "UBND xã …". Empty prints Name under the
	// parent's name.
	Header string `json:"header,omitempty"`
	// Phone is the number a citizen calls about a paper (Form 02 prints it
	// when the office sets no other).
	Phone string `json:"phone,omitempty"`
	// Ended is the day (YYYY-MM-DD) the office ceased to exist, as the
	// districts did on 1 July 2025: papers dated from that day never name
	// it, and the office above it heads them instead. Empty: it exists.
	Ended string `json:"ended,omitempty"`
	// Version counts the saves.
	Version int `json:"version"`
}

const (
	officePrefix   = "office/"
	kindOfficeSave = "office.saved"
)

var (
	officeCodePattern  = regexp.MustCompile(`^[0-9]{2,8}$`)
	officePhonePattern = regexp.MustCompile(`^\+?[0-9][0-9 .]{6,18}[0-9]$`)
)

// validDay reports whether s is a real day written YYYY-MM-DD.
func validDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// plainText reports whether s is valid UTF-8 on one line, with no control
// characters and no bidirectional formatting (a reversed header would
// print other words than the ones recorded): textcheck.Line, the rule
// every text of every request follows (text.go).
func plainText(s string) bool {
	return textcheck.Valid(s, textcheck.Line)
}

var officeProjection = jsonProjection[OfficeRecord]{
	name:   "office",
	prefix: officePrefix,
	apply: func(s *OfficeRecord, e *store.Event) {
		var b OfficeRecord
		if e.Kind == kindOfficeSave && decodeBody(e, &b) {
			b.Code = strings.TrimPrefix(e.Subject, officePrefix)
			b.Version = s.Version + 1
			*s = b
		}
	},
	index: func(subject string, s *OfficeRecord) []store.IndexEntry {
		return []store.IndexEntry{
			{Index: "code", Key: []byte(s.Code)},
			{Index: "parent", Key: []byte(s.Parent + "\x00" + s.Code)},
		}
	},
}

// Offices manages the office tree.
type Offices struct {
	core *Core
}

// NewOffices returns the Offices service.
func NewOffices(core *Core) *Offices { return &Offices{core: core} }

// OfficeList is the whole tree, sorted by code.
type OfficeList struct {
	Offices []OfficeRecord `json:"offices"`
}

// List returns every office this node knows.
func (o *Offices) List() (OfficeList, error) {
	d, err := o.core.Deps()
	if err != nil {
		return OfficeList{}, err
	}
	hits, err := d.Store.Scan(officeProjection.name, "code", store.ScanOptions{})
	if err != nil {
		return OfficeList{}, Wrap(CodeInternal, err, "listing offices")
	}
	out := OfficeList{Offices: []OfficeRecord{}}
	for _, h := range hits {
		var r OfficeRecord
		if ok, err := readState(d.Store, officeProjection.name, h.Subject, &r); err != nil {
			return OfficeList{}, err
		} else if ok {
			out.Offices = append(out.Offices, r)
		}
	}
	return out, nil
}

// CodeRequest names a record by its code.
type CodeRequest struct {
	Code string `json:"code"`
}

// Get returns one office.
func (o *Offices) Get(req CodeRequest) (OfficeRecord, error) {
	d, err := o.core.Deps()
	if err != nil {
		return OfficeRecord{}, err
	}
	return getOffice(d.Store, req.Code)
}

func getOffice(st *store.Store, code string) (OfficeRecord, error) {
	var r OfficeRecord
	ok, err := readState(st, officeProjection.name, officePrefix+code, &r)
	if err != nil {
		return r, err
	}
	if !ok {
		return r, &Error{Code: CodeNotFound, Field: "code", Message: "no office " + code, Params: map[string]string{"code": code}}
	}
	return r, nil
}

// Save creates or changes an office.
func (o *Offices) Save(ctx context.Context, req OfficeRecord) (OfficeRecord, error) {
	d, err := o.core.Deps()
	if err != nil {
		return OfficeRecord{}, err
	}
	draft, err := officeDraft(d.Store, CallerFrom(ctx), req)
	if err != nil {
		return OfficeRecord{}, err
	}
	if _, err := d.Store.Append(draft); err != nil {
		return OfficeRecord{}, appendErr(err, "saving the office")
	}
	return getOffice(d.Store, draft.Subject[len(officePrefix):])
}

// officeDraft validates an office and returns the event that saves it.
// The parent is looked up only when st is given: at first start the
// office's parents are not on this node yet (they arrive by sync).
func officeDraft(st *store.Store, c Caller, req OfficeRecord) (store.Draft, error) {
	req.Code = strings.TrimSpace(req.Code)
	req.Name = norm.NFC.String(strings.TrimSpace(req.Name))
	req.Parent = strings.TrimSpace(req.Parent)
	req.AgencyID = strings.TrimSpace(req.AgencyID)
	req.Header = norm.NFC.String(strings.TrimSpace(req.Header))
	req.Phone = strings.TrimSpace(req.Phone)
	req.Ended = strings.TrimSpace(req.Ended)
	switch {
	case !officeCodePattern.MatchString(req.Code):
		return store.Draft{}, FieldError("code", "an office code is 2 to 8 digits (province 2, district 3, commune 5)")
	case req.Name == "" || len(req.Name) > 200 || !plainText(req.Name):
		return store.Draft{}, FieldError("name", "the office name is required (at most 200 bytes)")
	case req.Parent == req.Code:
		return store.Draft{}, FieldError("parent", "an office cannot be its own parent")
	case req.AgencyID != "" && !regexp.MustCompile(`^[0-9A-Za-z.]{2,20}$`).MatchString(req.AgencyID):
		return store.Draft{}, FieldError("agencyId", "the agency ID is 2 to 20 letters, digits or dots")
	case len(req.Header) > 200 || !plainText(req.Header):
		return store.Draft{}, FieldError("header", "the header is one line of text of at most 200 bytes")
	case req.Phone != "" && !officePhonePattern.MatchString(req.Phone):
		return store.Draft{}, FieldError("phone", "a phone number is 8 to 15 digits, spaces, dots or a leading +")
	case req.Ended != "" && !validDay(req.Ended):
		return store.Draft{}, FieldError("ended", "the day the office ended is written YYYY-MM-DD")
	}
	if req.AgencyID == "" {
		req.AgencyID = req.Code
	}
	if req.Parent != "" && st != nil {
		// The parent must exist here, and the tree must stay a tree.
		seen := map[string]bool{req.Code: true}
		for p := req.Parent; p != ""; {
			if seen[p] {
				return store.Draft{}, FieldError("parent", "this parent would make a cycle in the office tree")
			}
			seen[p] = true
			r, err := getOffice(st, p)
			if err != nil {
				return store.Draft{}, &Error{Code: CodeInvalidInput, Field: "parent", Message: "no office " + p + " here", Params: map[string]string{"code": p}}
			}
			p = r.Parent
		}
	}
	body := OfficeRecord{Name: req.Name, Parent: req.Parent, AgencyID: req.AgencyID, Header: req.Header, Phone: req.Phone, Ended: req.Ended}
	return store.Draft{
		Actor: c.Actor(), Owner: req.Code, Kind: kindOfficeSave, Subject: officePrefix + req.Code,
		Body: mustJSON(body),
	}, nil
}

// OfficeVersion returns a count that moves whenever an office record
// changes (store.Folds of the office projection): a cache of OfficePath's
// answers holds while it stays.
func OfficeVersion(st *store.Store) uint64 { return st.Folds(officeProjection.name) }

// OfficePath returns an office's place in the tree from the office
// records: its code after its ancestors', "38/405/38001". The sync scopes
// records by it.
func OfficePath(st *store.Store, code string) (string, bool) {
	path := ""
	for c, depth := code, 0; c != "" && depth < maxOfficeDepth; depth++ {
		o, err := getOffice(st, c)
		if err != nil {
			return "", false
		}
		if path == "" {
			path = o.Code
		} else {
			path = o.Code + "/" + path
		}
		c = o.Parent
	}
	return path, path != ""
}
