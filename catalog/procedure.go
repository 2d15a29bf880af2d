package catalog

import (
	"regexp"
	"slices"
	"strings"
)

// Procedure is one administrative procedure (thủ tục hành chính) of the
// catalog: what the desk receives, how long it may take, what it costs, who
// takes part and the step table of its documented process (quy trình ISO).
// The JSON names are stable: the frontend and stored events use them.
type Procedure struct {
	// Code is the national procedure code ("1.001193", see NationalCodePattern)
	// or, when the national database has none, a local code the office
	// assigns ("L.HT4K9QXA", see LocalCodePattern). It identifies the
	// procedure within an office's catalog.
	Code string `json:"code"`
	// Name is the procedure's official name, at most MaxNameLen characters.
	Name string `json:"name"`
	// Sector is the field (lĩnh vực) the procedure belongs to, "Hộ tịch".
	Sector string `json:"sector"`
	// Level is the level of the agency that decides; LevelCommune by default.
	Level Level `json:"level"`
	// TimeLimitWD is the legal time limit in working days, 0..MaxTimeLimitWD;
	// 0 means the same day (the next working day if received after 15:00).
	TimeLimitWD int `json:"timeLimitWD"`
	// ExtendedTimeLimitWD, when set, is the longer limit that applies when
	// verification is needed; it is never shorter than TimeLimitWD.
	ExtendedTimeLimitWD *int `json:"extendedTimeLimitWD"`
	// ExtendedReason says when the extended limit applies ("cần xác minh");
	// the desk records it on the receipt.
	ExtendedReason string `json:"extendedReason,omitempty"`
	// SupplementLimitWD, when set, is the working days the desk has to ask
	// for missing papers after reception, where specialised law sets it;
	// nil: the general rule (3 working days, Decree 118/2025).
	SupplementLimitWD *int `json:"supplementLimitWD,omitempty"`
	// RescheduleNoticeWD, when set, is how many working days before the due
	// date an apology with a new date must be sent; nil: the general rule
	// (1 working day).
	RescheduleNoticeWD *int `json:"rescheduleNoticeWD,omitempty"`
	// FeeVND is the fee in đồng; nil means the provincial council sets it and
	// the administrator has yet to enter it, 0 means free.
	FeeVND *int64 `json:"feeVND"`
	// FeeNote explains the fee ("2.000 đ/trang; …"); it may be empty.
	FeeNote string `json:"feeNote"`
	// Fee is the fee rule (see FeeRule); nil on records older than rules,
	// whose rule Procedure.FeeRule derives from FeeVND. When set, Normalize
	// sets FeeVND to its headline amount, so lists show one number.
	Fee *FeeRule `json:"fee,omitempty"`
	// Documents lists the dossier's components, in order.
	Documents []Document `json:"documents"`
	// Agencies lists the agencies that take part; a liên thông procedure
	// (Interagency other than InteragencyNone) lists at least two.
	Agencies []string `json:"agencies"`
	// DecidingAgency is the agency competent to decide ("UBND xã", "Công an
	// xã"); empty: the office that receives.
	DecidingAgency string `json:"decidingAgency,omitempty"`
	// Interagency tells whether the procedure is handled as liên thông.
	Interagency Interagency `json:"interagency"`
	// Steps is the step table of the documented process, in order. It may be
	// empty while the office has not written it yet.
	Steps []Step `json:"steps"`
	// Confidence tells how sure the catalog's facts are; ConfidenceUnsure by
	// default.
	Confidence Confidence `json:"confidence"`
	// Basis is the legal basis of the catalog's facts ("Luật Hộ tịch 2014
	// art. 16"); it may be empty.
	Basis string `json:"basis,omitempty"`
	// Active tells whether the desk may receive new dossiers for it.
	Active bool `json:"active"`
}

// Document is one component of a dossier (thành phần hồ sơ).
type Document struct {
	// Name is the document's name, "Tờ khai đăng ký khai sinh".
	Name string `json:"name"`
	// Form is the kind of paper the desk accepts.
	Form DocumentForm `json:"form"`
	// Count is the number of copies, 1..MaxDocumentCount.
	Count int `json:"count"`
	// Required is false for a document only some applicants must bring.
	Required bool `json:"required"`
	// ValidMonths is how long a paper of this kind, once digitized, may be
	// taken again instead of scanned (reuse, Decree 107/2021), in months
	// from the dossier that brought it; 0 is no limit. Data the province
	// sets per procedure [verify: e.g. a health certificate's 6 months].
	ValidMonths int `json:"validMonths,omitempty"`
}

// Step is one row of a procedure's step table: who does what, in how much
// working time, with which form.
type Step struct {
	// Name says what is done, "Thẩm định hồ sơ".
	Name string `json:"name"`
	// Role is who is responsible for the step.
	Role Role `json:"role"`
	// Hours is the working time allotted to the step, in working hours
	// (HoursPerWorkingDay to a working day); it is positive and may be
	// fractional (0.5 is half an hour).
	Hours float64 `json:"hours"`
	// Form names the form used or produced, "Mẫu 05"; it may be empty.
	Form string `json:"form"`
}

// Level is the level of the agency that decides a procedure.
type Level string

// The levels.
const (
	LevelCommune  Level = "commune"
	LevelDistrict Level = "district"
	LevelProvince Level = "province"
)

// DocumentForm is the kind of paper a dossier component must be.
type DocumentForm string

// The document forms.
const (
	FormOriginal      DocumentForm = "original"
	FormCertifiedCopy DocumentForm = "certified_copy"
	FormCopy          DocumentForm = "copy"
	// FormShow is a paper the applicant shows and takes back (an identity
	// paper, the original a copy is certified from): checked, not kept.
	FormShow DocumentForm = "show"
)

// Interagency tells whether and how a procedure chains agencies (liên thông).
type Interagency string

// The inter-agency kinds.
const (
	InteragencyNone       Interagency = "none"
	InteragencySameLevel  Interagency = "same_level"
	InteragencyCrossLevel Interagency = "cross_level"
)

// Confidence tells where a catalog fact comes from.
type Confidence string

// The confidence levels, as in the shipped sample.
const (
	// ConfidenceLaw means read in the legal text.
	ConfidenceLaw Confidence = "law"
	// ConfidencePractice means seen in provincial publications or software.
	ConfidencePractice Confidence = "practice"
	// ConfidenceUnsure means to verify before relying on it.
	ConfidenceUnsure Confidence = "unsure"
)

// Role is who is responsible for a step.
type Role string

// The roles. New roles are added at the end.
const (
	// RoleClerk is the desk's receiving and returning clerk.
	RoleClerk Role = "clerk"
	// RoleOfficer is the processing officer (chuyên viên xử lý).
	RoleOfficer Role = "officer"
	// RoleLeader is the leader who signs (lãnh đạo).
	RoleLeader Role = "leader"
	// RoleAgency is another agency of the chain (cơ quan phối hợp).
	RoleAgency Role = "agency"
)

// Limits and patterns of the model. Validate enforces them.
const (
	// NationalCodePattern matches a code of the national procedure database.
	NationalCodePattern = `^[12]\.\d{6}$`
	// LocalCodePattern matches a code an office assigns to a procedure the
	// national database has no code for: "L." then 2 to 12 capital letters or
	// digits. LocalCode derives one from the sector and name.
	LocalCodePattern = `^L\.[A-Z0-9]{2,12}$`

	// MaxNameLen is the longest name of a procedure, document, step or
	// agency, in characters.
	MaxNameLen = 300
	// MaxSectorLen is the longest sector, in characters.
	MaxSectorLen = 100
	// MaxFeeNoteLen is the longest fee note, in characters.
	MaxFeeNoteLen = 500
	// MaxFormLen is the longest step form name, in characters.
	MaxFormLen = 100
	// MaxTimeLimitWD is the longest time limit, in working days.
	MaxTimeLimitWD = 365
	// MaxFeeVND is the highest fee. It keeps fees exact in a spreadsheet,
	// whose numbers are 64-bit floats.
	MaxFeeVND = 1_000_000_000_000
	// MaxDocumentCount is the most copies of one document.
	MaxDocumentCount = 99
	// MaxValidMonths bounds how long a digitized paper may be reused.
	MaxValidMonths = 600
	// MaxListLen is the most documents, agencies or steps of one procedure.
	MaxListLen = 50
	// HoursPerWorkingDay converts step hours to working days.
	HoursPerWorkingDay = 8
)

var (
	nationalCodeRE = regexp.MustCompile(NationalCodePattern)
	localCodeRE    = regexp.MustCompile(LocalCodePattern)
)

// The values of each enumeration, in a stable order (for messages).
var (
	levels        = []Level{LevelCommune, LevelDistrict, LevelProvince}
	documentForms = []DocumentForm{FormOriginal, FormCertifiedCopy, FormCopy, FormShow}
	interagencies = []Interagency{InteragencyNone, InteragencySameLevel, InteragencyCrossLevel}
	confidences   = []Confidence{ConfidenceLaw, ConfidencePractice, ConfidenceUnsure}
	roles         = []Role{RoleClerk, RoleOfficer, RoleLeader, RoleAgency}
)

// The same values as text, for messages.
var (
	levelNames        = enumNames(levels)
	documentFormNames = enumNames(documentForms)
	interagencyNames  = enumNames(interagencies)
	confidenceNames   = enumNames(confidences)
	roleNames         = enumNames(roles)
)

// enumNames joins an enumeration's values with commas.
func enumNames[T ~string](values []T) string {
	names := make([]string, len(values))
	for i, x := range values {
		names[i] = string(x)
	}
	return strings.Join(names, ", ")
}

// Valid tells whether l is one of the levels.
func (l Level) Valid() bool { return slices.Contains(levels, l) }

// Valid tells whether f is one of the document forms.
func (f DocumentForm) Valid() bool { return slices.Contains(documentForms, f) }

// Valid tells whether i is one of the inter-agency kinds.
func (i Interagency) Valid() bool { return slices.Contains(interagencies, i) }

// Valid tells whether c is one of the confidence levels.
func (c Confidence) Valid() bool { return slices.Contains(confidences, c) }

// Valid tells whether r is one of the roles.
func (r Role) Valid() bool { return slices.Contains(roles, r) }
