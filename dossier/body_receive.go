package dossier

import (
	"time"

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

// Applicant is the person or organisation that submitted the dossier, as
// Form 01 prints it.
type Applicant struct {
	FullName string `json:"fullName"`
	// CitizenID is the 12-digit citizen identity number (CCCD), or empty.
	CitizenID string `json:"citizenId"`
	Address   string `json:"address"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
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
}

// ReceivedDocument is one paper the desk received.
type ReceivedDocument struct {
	Name  string               `json:"name"`
	Form  catalog.DocumentForm `json:"form"`
	Count int                  `json:"count"`
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
}

// Kind returns KindReceived.
func (*Received) Kind() Kind { return KindReceived }
