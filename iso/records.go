package iso

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Subject prefixes of the register of records (danh mục hồ sơ) and of the
// disposal decisions taken under it.
const (
	// RegisterPrefix starts an office's register: iso/records/<office>.
	RegisterPrefix = "iso/records/"
	// DisposalPrefix starts a disposal decision: iso/disposal/<office>/<id>.
	DisposalPrefix = "iso/disposal/"
)

// Kinds of event written under RegisterPrefix and DisposalPrefix.
const (
	// KindRegisterSet records an office's whole register (Register).
	KindRegisterSet = "iso.records.register_set"
	// KindDisposalApproved records a leader's decision that the records
	// listed are past their retention (DisposalApproved).
	KindDisposalApproved = "iso.records.disposal_approved"
)

// Storage says where a class of records is kept.
type Storage string

// Where records are kept.
const (
	// StoredInSystem: the signed log of this system is the record.
	StoredInSystem Storage = "system"
	// StoredOnPaper: a paper binder in the office's archive.
	StoredOnPaper Storage = "paper"
	// StoredInBoth: the system and a paper original.
	StoredInBoth Storage = "both"
)

// Valid reports whether s is one of the places above.
func (s Storage) Valid() bool {
	return s == StoredInSystem || s == StoredOnPaper || s == StoredInBoth
}

// Permanent is the retention of records kept for ever (vĩnh viễn).
const Permanent = 0

// MaxRetentionYears bounds a retention typed by hand.
const MaxRetentionYears = 100

// RecordClass is one line of the register: a kind of record a process
// produces, where it is kept and for how long.
type RecordClass struct {
	// ID names the line within the register (letters, digits, dashes).
	ID   string `json:"id"`
	Name string `json:"name"`
	// Procedures are the procedure codes whose dossiers are records of
	// this class; Sector, when set, takes every procedure of that sector
	// not named by another line. A line with neither is a book or a
	// binder that no dossier belongs to (the certification book, the
	// quality system's own records): it is listed but never due for
	// disposal here.
	Procedures []string `json:"procedures,omitempty"`
	Sector     string   `json:"sector,omitempty"`
	// Other takes the dossiers of every procedure no other line names.
	Other bool    `json:"other,omitempty"`
	Kept  Storage `json:"kept"`
	// Place says where exactly (a binder, a shelf, "Sổ điện tử").
	Place string `json:"place,omitempty"`
	// RetentionYears is how long the records are kept after the year
	// they closed; Permanent (0) keeps them for ever.
	RetentionYears int `json:"retentionYears"`
	// Basis is the legal basis of the retention.
	Basis string `json:"basis,omitempty"`
	// Unsure marks a retention the province or the office must confirm:
	// it is data, shown with a "verify" mark, never a rule of this code.
	Unsure bool `json:"unsure,omitempty"`
}

// Register is an office's register of records.
type Register struct {
	Classes []RecordClass `json:"classes"`
}

// RegisterError names the line and field a register is refused for.
type RegisterError struct {
	// Index is the line (from 0), -1 for the register as a whole.
	Index   int
	Field   string
	Message string
}

func (e *RegisterError) Error() string {
	return fmt.Sprintf("register line %d: %s: %s", e.Index+1, e.Field, e.Message)
}

// Validate refuses a register with a line that has no name or ID, two
// lines of one ID, a place that is not one of Storage's, a retention out
// of range, a procedure named by two lines, or more than one Other line.
func (r Register) Validate() error {
	if len(r.Classes) == 0 {
		return &RegisterError{Index: -1, Field: "classes", Message: "the register has no line"}
	}
	ids := map[string]bool{}
	procs := map[string]bool{}
	others := 0
	for i, c := range r.Classes {
		switch {
		case !validID(c.ID):
			return &RegisterError{i, "id", "write letters, digits and dashes"}
		case ids[c.ID]:
			return &RegisterError{i, "id", "two lines have the ID " + c.ID}
		case strings.TrimSpace(c.Name) == "":
			return &RegisterError{i, "name", "the line has no name"}
		case !c.Kept.Valid():
			return &RegisterError{i, "kept", "say where the records are kept: system, paper or both"}
		case c.RetentionYears < 0 || c.RetentionYears > MaxRetentionYears:
			return &RegisterError{i, "retentionYears", fmt.Sprintf("a retention is 0 (permanent) to %d years", MaxRetentionYears)}
		}
		ids[c.ID] = true
		for _, p := range c.Procedures {
			if procs[p] {
				return &RegisterError{i, "procedures", "procedure " + p + " is on two lines"}
			}
			procs[p] = true
		}
		if c.Other {
			others++
		}
	}
	if others > 1 {
		return &RegisterError{Index: -1, Field: "classes", Message: "only one line may take the other procedures"}
	}
	return nil
}

func validID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// ClassOf returns the line a dossier of the procedure (in the sector)
// belongs to: the line naming the procedure, else the sector's, else the
// Other line.
func (r Register) ClassOf(procedure, sector string) (RecordClass, bool) {
	for _, c := range r.Classes {
		if slices.Contains(c.Procedures, procedure) {
			return c, true
		}
	}
	if sector != "" {
		for _, c := range r.Classes {
			if c.Sector == sector {
				return c, true
			}
		}
	}
	for _, c := range r.Classes {
		if c.Other {
			return c, true
		}
	}
	return RecordClass{}, false
}

// Class returns the line of the given ID.
func (r Register) Class(id string) (RecordClass, bool) {
	for _, c := range r.Classes {
		if c.ID == id {
			return c, true
		}
	}
	return RecordClass{}, false
}

// DueFrom is the first day records closed at closed may be disposed of
// under a retention of years: archives count a retention in whole years
// from the 1st of January after the year the record closed [practice:
// Law on Archives 2024; verify with the province's archive]. The zero time
// for Permanent: never.
func DueFrom(closed time.Time, years int, zone *time.Location) time.Time {
	if years == Permanent || closed.IsZero() {
		return time.Time{}
	}
	y := closed.In(zone).Year()
	return time.Date(y+1+years, time.January, 1, 0, 0, 0, 0, zone)
}

// Due reports whether records closed at closed are past their retention
// at asOf.
func Due(closed time.Time, years int, asOf time.Time, zone *time.Location) bool {
	from := DueFrom(closed, years, zone)
	return !from.IsZero() && !asOf.Before(from)
}

// DisposalApproved is the payload of KindDisposalApproved: a leader's
// decision that the dossiers listed, all of one line of the register, are
// past their retention. Nothing in the signed log is deleted by it: the
// decision is what an archive's disposal minutes record, and the erasure
// of the personal data it covers is a separate, cryptographic step (see
// the package note in doc.go).
type DisposalApproved struct {
	ID     string `json:"id"`
	Office string `json:"office"`
	Class  string `json:"class"`
	// Retention is the line's retention when it was decided, in years.
	Retention int `json:"retention"`
	// AsOf is the day the records were judged due, YYYY-MM-DD.
	AsOf       string    `json:"asOf"`
	Codes      []string  `json:"codes"`
	Reason     string    `json:"reason,omitempty"`
	ApprovedBy string    `json:"approvedBy"`
	ApprovedAt time.Time `json:"approvedAt"`
}

// DisposalSubject is the subject of a disposal decision.
func DisposalSubject(office, id string) string { return DisposalPrefix + office + "/" + id }

// RegisterSubject is the subject of an office's register.
func RegisterSubject(office string) string { return RegisterPrefix + office }

// DefaultRegister is the register an office starts from, before it
// records its own. The certification lines follow the retention the law
// sets for certification (Decree 23/2015/NĐ-CP: the certification books
// permanently, signature-certification copies 2 years, certified contracts
// 20 years); the others are the usual practice of one-stop desks and are
// marked Unsure: the office confirms them with its archive.
func DefaultRegister() Register {
	const decree23 = "Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực"
	return Register{Classes: []RecordClass{
		{ID: "so-chung-thuc", Name: "Sổ chứng thực (bản sao, chữ ký, hợp đồng, giao dịch)", Kept: StoredInBoth, Place: "Sổ điện tử và sổ giấy tại bộ phận một cửa", RetentionYears: Permanent, Basis: decree23},
		{ID: "chung-thuc-chu-ky", Name: "Bản lưu giấy tờ, văn bản đã chứng thực chữ ký", Procedures: []string{"2.000884"}, Kept: StoredOnPaper, Place: "Bìa hồ sơ chứng thực chữ ký theo năm", RetentionYears: 2, Basis: decree23},
		{ID: "chung-thuc-hop-dong", Name: "Hợp đồng, giao dịch đã chứng thực", Procedures: []string{"2.001035"}, Kept: StoredOnPaper, Place: "Bìa hồ sơ chứng thực hợp đồng theo năm", RetentionYears: 20, Basis: decree23},
		{ID: "ho-tich", Name: "Hồ sơ đăng ký hộ tịch (tờ khai và giấy tờ kèm theo)", Sector: "Hộ tịch", Kept: StoredInBoth, Place: "Sổ hộ tịch điện tử; bìa hồ sơ hộ tịch theo năm", RetentionYears: Permanent, Basis: "Luật Hộ tịch 2014 (sổ hộ tịch lưu trữ vĩnh viễn)", Unsure: true},
		{ID: "tthc-khac", Name: "Hồ sơ thủ tục hành chính khác đã giải quyết (giấy tiếp nhận, phiếu kiểm soát, kết quả)", Other: true, Kept: StoredInSystem, Place: "Hệ thống một cửa (sổ ký số)", RetentionYears: 5, Basis: "Thực tiễn lưu trữ hồ sơ giải quyết TTHC (cần xác minh với lưu trữ của tỉnh)", Unsure: true},
		{ID: "so-theo-doi", Name: "Sổ theo dõi hồ sơ (Mẫu số 02)", Kept: StoredInSystem, Place: "Hệ thống một cửa (in theo kỳ)", RetentionYears: Permanent, Basis: "Nghị định 61/2018/NĐ-CP (Mẫu số 02); thời hạn lưu cần xác minh", Unsure: true},
		{ID: "iso", Name: "Hồ sơ hệ thống quản lý chất lượng: quy trình, mục tiêu, sự không phù hợp, đánh giá nội bộ, xem xét của lãnh đạo", Kept: StoredInSystem, Place: "Hệ thống một cửa (mục ISO)", RetentionYears: 5, Basis: "TCVN ISO 9001:2015 mục 7.5.3; thời hạn do cơ quan quyết định", Unsure: true},
	}}
}
