package dossier

import (
	"time"

	"hoso/attach"
	"hoso/calendar"
	"hoso/catalog"
)

// Channel is how a dossier reached the desk.
type Channel string

// The channels (DOMAIN.md §3).
const (
	ChannelInPerson Channel = "in_person"
	ChannelPost     Channel = "post"
	ChannelOnline   Channel = "online"
)

// Valid reports whether c is one of the channels.
func (c Channel) Valid() bool {
	return c == ChannelInPerson || c == ChannelPost || c == ChannelOnline
}

// ApplicantKind says whether an applicant is an individual or an
// organisation (tổ chức, cá nhân: the forms of Circular 03/2025 name both).
type ApplicantKind string

// The applicant kinds. Events written before organisations were known carry
// no kind: "" means ApplicantPerson.
const (
	ApplicantPerson       ApplicantKind = "person"
	ApplicantOrganisation ApplicantKind = "organisation"
)

// Valid reports whether k is one of the kinds or "" (a person).
func (k ApplicantKind) Valid() bool {
	return k == "" || k == ApplicantPerson || k == ApplicantOrganisation
}

// Applicant is the person or organisation that submitted the dossier, as
// Form 01 prints it.
type Applicant struct {
	// Kind is ApplicantPerson or ApplicantOrganisation; "" (old events)
	// means a person.
	Kind ApplicantKind `json:"kind,omitempty"`
	// FullName is the person's full name, or the organisation's name.
	FullName string `json:"fullName"`
	// CitizenID is the person's personal identification number (số định
	// danh cá nhân, 12 digits), or empty; persons only.
	CitizenID string `json:"citizenId"`
	// OrgID is the organisation's identifier: its enterprise or tax code,
	// 10 digits or 10 digits "-" 3 digits (a branch); organisations only.
	OrgID   string `json:"orgId,omitempty"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	// Representative is who files for the applicant (người được ủy quyền,
	// người đại diện), when someone does; an organisation always has one.
	Representative *Representative `json:"representative,omitempty"`
}

// IsOrganisation reports whether the applicant is an organisation.
func (a Applicant) IsOrganisation() bool { return a.Kind == ApplicantOrganisation }

// Representative is the person who files for an applicant: an authorised
// person, an organisation's director, a parent for a child.
type Representative struct {
	FullName string `json:"fullName"`
	// CitizenID is the representative's personal identification number
	// (12 digits), or empty.
	CitizenID string `json:"citizenId"`
	// Relation is how the representative stands to the applicant, as the
	// clerk writes it: "Người được ủy quyền", "Giám đốc", "Con".
	Relation string `json:"relation"`
}

// ProcedureRef is the procedure a dossier was received under: its code, the
// catalog version then current and a snapshot of what the dossier's timing
// depends on, so that later catalog edits never change a received dossier.
type ProcedureRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Version is the catalog version of the procedure at reception.
	Version int `json:"version"`
	// TimeLimitWD is the time limit in working days at reception.
	TimeLimitWD int `json:"timeLimitWD"`
	// Steps is the procedure's step table at reception.
	Steps []catalog.Step `json:"steps"`
	// SupplementLimitWD, when set, is the procedure's own limit for a
	// supplement request, in working days after reception; nil means the
	// law's SupplementLimitWD. Absent in events written before it was
	// recorded.
	SupplementLimitWD *int `json:"supplementLimitWD,omitempty"`
	// RescheduleNoticeWD, when set, is the procedure's own notice for a
	// reschedule, in working days before the due date; nil means the law's
	// RescheduleNoticeWD.
	RescheduleNoticeWD *int `json:"rescheduleNoticeWD,omitempty"`
}

// SupplementLimit returns the most working days after reception at which
// a supplement may be requested: the procedure's own limit, or
// SupplementLimitWD.
func (p ProcedureRef) SupplementLimit() int {
	if p.SupplementLimitWD != nil {
		return *p.SupplementLimitWD
	}
	return SupplementLimitWD
}

// RescheduleNotice returns the fewest working days before the due date at
// which the due date may be moved: the procedure's own notice, or
// RescheduleNoticeWD.
func (p ProcedureRef) RescheduleNotice() int {
	if p.RescheduleNoticeWD != nil {
		return *p.RescheduleNoticeWD
	}
	return RescheduleNoticeWD
}

// Extension is an extended time limit chosen at reception (thời hạn kéo
// dài, e.g. a civil-status registration that needs verification: Law on
// Civil Status art. 18(2), 34(2)): the procedure's extended limit and the
// reason the receipt states (Decree 23/2015 art. 7).
type Extension struct {
	// LimitWD is the extended time limit in working days, the procedure's
	// ExtendedTimeLimitWD at reception.
	LimitWD int `json:"limitWD"`
	// Reason is why the extended limit applies, e.g. "cần xác minh".
	Reason string `json:"reason"`
}

// ReceivedDocument is one paper the desk received.
type ReceivedDocument struct {
	Name  string               `json:"name"`
	Form  catalog.DocumentForm `json:"form"`
	Count int                  `json:"count"`
	// Files are the paper's scans attached at reception (digitization,
	// Decrees 45/2020 and 107/2021): the store's blobs, named by Ref.
	Files []attach.Ref `json:"files,omitempty"`
	// Reused, when set, is the paper taken from one digitized before for
	// the same citizen or organisation instead of scanned again.
	Reused *Reuse `json:"reused,omitempty"`
}

// Reuse names a paper digitized before that a dossier takes again: the
// dossier it was attached to and the file.
type Reuse struct {
	Dossier string     `json:"dossier"`
	File    attach.Ref `json:"file"`
}

// StepPlan is the step of the documented process that a hand-over starts:
// its name, the working hours allotted to it and the due instant those hours
// give (zero when the procedure allots none). The service fills it with
// PlanStep; Fold only records it, so a later calendar edit never changes a
// step already started.
type StepPlan struct {
	Name  string    `json:"name,omitempty"`
	Hours float64   `json:"hours,omitempty"`
	Due   time.Time `json:"due,omitzero"`
}

// Received is the body of KindReceived: everything Form 01 prints.
type Received struct {
	Header
	// Code is the dossier code, FormatCode's shape.
	Code string `json:"code"`
	// Agency is the receiving agency's id, the code's first part.
	Agency    string             `json:"agency"`
	Procedure ProcedureRef       `json:"procedure"`
	Applicant Applicant          `json:"applicant"`
	Channel   Channel            `json:"channel"`
	Documents []ReceivedDocument `json:"documents"`
	// Sets is the number of sets of papers (số bộ hồ sơ).
	Sets int `json:"sets"`
	// ReceivedAt is the instant of reception, written with +07:00.
	ReceivedAt time.Time `json:"receivedAt"`
	// CountFrom is the working day time is counted from (the reception day
	// of calendar.ReceptionDay: the next working day after 15:00). The
	// three-working-day limit for a supplement request runs from it. When
	// absent, the date of ReceivedAt is used.
	CountFrom *calendar.Date `json:"countFrom,omitempty"`
	// Due is the appointment: the due instant calendar.DueDate gives.
	Due time.Time `json:"due"`
	// Book is the tracking-book entry (Form 06) written on the receipt.
	Book Book `json:"book"`
	// Desk is the index (0–9) of the desk that received the dossier; it is
	// the first digit of the code's sequence number.
	Desk int `json:"desk"`
	// Step is the reception step of the process control sheet (Form 05).
	Step StepPlan `json:"step"`
	// FormSet is the form set the dossier's papers print with, fixed at
	// reception (print.SetFor, e.g. "TT03/2025"); empty in old events,
	// where the reception date decides.
	FormSet string `json:"formSet,omitempty"`
	// Extension is the extended time limit chosen at reception, nil for the
	// procedure's normal limit; Due is counted with it.
	Extension *Extension `json:"extension,omitempty"`
	// Rules are the versions of the rules the dossier was computed under,
	// so that a reprint or a report of an old period never changes:
	// "calendar" (the holiday and due rules, "<office>@<version>" or
	// "builtin@0"), "calendarOverride" (the year's override, when there is
	// one), "catalog" ("<code>@<version>"), "forms" (the form set). Empty in
	// old events.
	Rules map[string]string `json:"rules,omitempty"`
	// FeeQuote is the fee computed at reception from the procedure's fee
	// rule, printed on the receipt; nil when none was (old events, a fee
	// the province has not entered).
	FeeQuote *FeeQuoteRecord `json:"feeQuote,omitempty"`
}

// Kind returns KindReceived.
func (*Received) Kind() Kind { return KindReceived }
