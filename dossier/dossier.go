package dossier

import (
	"time"

	"hoso/attach"
	"hoso/calendar"
)

// Dossier is the state of one dossier: the fold of its events. Its JSON
// encoding is the projection the store keeps; the same events in the same
// order always give the same bytes.
type Dossier struct {
	// Code is the dossier code (mã hồ sơ).
	Code string `json:"code"`
	// Agency is the receiving agency's id, the code's first part.
	Agency string `json:"agency"`
	// Office is the receiving office: the one-stop desk that received the
	// dossier and returns its result.
	Office string `json:"office"`
	// Desk is the index of the desk that received it.
	Desk int `json:"desk"`
	// Book is the tracking-book entry.
	Book Book `json:"book"`

	Status Status `json:"status"`
	// National is NationalStatus(Status).
	National int `json:"national"`

	Procedure ProcedureRef       `json:"procedure"`
	Applicant Applicant          `json:"applicant"`
	Channel   Channel            `json:"channel"`
	Documents []ReceivedDocument `json:"documents,omitempty"`
	Sets      int                `json:"sets"`
	// FormSet is the form set fixed at reception (see Received.FormSet);
	// empty for dossiers received before it was recorded.
	FormSet string `json:"formSet,omitempty"`
	// Extension is the extended time limit chosen at reception, nil for the
	// procedure's normal limit (see Received.Extension and LimitWD).
	Extension *Extension `json:"extension,omitempty"`
	// Rules are the versions of the rules the dossier was computed under
	// (see Received.Rules); empty for dossiers received before they were
	// recorded.
	Rules map[string]string `json:"rules,omitempty"`

	ReceivedAt time.Time `json:"receivedAt,omitzero"`
	// CountFrom is the working day time is counted from; see Received.
	CountFrom *calendar.Date `json:"countFrom,omitempty"`
	// Due is the current due instant; OriginalDue the one on the receipt.
	Due         time.Time `json:"due,omitzero"`
	OriginalDue time.Time `json:"originalDue,omitzero"`
	// Deadlines is the history of the due date: reception, each
	// supplement restart, the reschedule and corrections.
	Deadlines []Deadline `json:"deadlines,omitempty"`
	// Rescheduled tells whether the due date was moved (Form 04); it may be
	// moved once.
	Rescheduled bool `json:"rescheduled"`

	// Holder is who has the dossier now.
	Holder Holder `json:"holder"`
	// Offices lists, sorted, every office involved: the receiving office,
	// the holder, every liên thông and consulted office. It is the audience
	// the dossier's events must reach.
	Offices       []string       `json:"offices,omitempty"`
	Tasks         []Task         `json:"tasks,omitempty"`
	Consultations []Consultation `json:"consultations,omitempty"`
	Appraisal     *Appraisal     `json:"appraisal,omitempty"`

	Supplements []Supplement `json:"supplements,omitempty"`
	// SecondSupplement is set once a second supplement is requested: under
	// the national scoring the dossier counts as late.
	SecondSupplement bool      `json:"secondSupplement"`
	Payments         []Payment `json:"payments,omitempty"`
	// ResultFiles are the electronic result: the signed decision or paper
	// scanned, or the PDF received from the deciding agency.
	ResultFiles []attach.Ref `json:"resultFiles,omitempty"`
	// FeeQuote is the fee computed at reception (Received.FeeQuote).
	FeeQuote *FeeQuoteRecord `json:"feeQuote,omitempty"`
	// Paused is set while the dossier waits for the citizen (a supplement
	// or a payment), with the status to resume.
	Paused *Pause `json:"paused,omitempty"`

	// Steps is the process control sheet (Form 05): one row per hand-over.
	Steps []StepRow `json:"steps,omitempty"`

	// Result is how the dossier ended or will end, once decided.
	Result *Result `json:"result,omitempty"`
	// FinishedAt is when the result reached the desk.
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	// Timing classifies FinishedAt against the original due date
	// (ClassifyDossier with TimingBasisOriginal: an apology does not make a
	// late dossier on time; late whenever SecondSupplement); empty until
	// finished.
	Timing     Timing    `json:"timing,omitempty"`
	ReturnedAt time.Time `json:"returnedAt,omitzero"`
	Recipient  string    `json:"recipient,omitempty"`
	Rating     *Rating   `json:"rating,omitempty"`

	Corrections []Correction `json:"corrections,omitempty"`
	// Conflicts lists the open conflicts; Resolved the decided ones.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	Resolved  []Conflict `json:"resolved,omitempty"`
	// Problems lists the events Fold could not read.
	Problems []Problem `json:"problems,omitempty"`
	// Timeline lists every event folded, applied or not, in fold order.
	Timeline []Entry `json:"timeline,omitempty"`
}

// LimitWD returns the time limit the dossier is counted with, in working
// days: the extended limit chosen at reception, else the procedure's. A
// supplement restarts the count with it (RestartDue).
func (d Dossier) LimitWD() int {
	if d.Extension != nil {
		return d.Extension.LimitWD
	}
	return d.Procedure.TimeLimitWD
}

// Holder is an office and, when one is named, the user in it who has the
// dossier. An empty Holder in a step row's From is the applicant.
type Holder struct {
	Office  string `json:"office"`
	Officer string `json:"officer,omitempty"`
}

// Deadline is one due date of the dossier's history.
type Deadline struct {
	Event  string         `json:"event"`
	At     time.Time      `json:"at"`
	Due    time.Time      `json:"due"`
	Reason DeadlineReason `json:"reason"`
	Note   string         `json:"note,omitempty"`
}

// DeadlineReason says why the due date was set.
type DeadlineReason string

// The deadline reasons.
const (
	DeadlineReceived   DeadlineReason = "received"
	DeadlineSupplement DeadlineReason = "supplement_restart"
	DeadlineReschedule DeadlineReason = "rescheduled"
	DeadlineCorrected  DeadlineReason = "corrected"
)

// Task is a liên thông task: what an office was asked to do, with its own
// time.
type Task struct {
	// ID is the ID of the KindTransferred event.
	ID     string    `json:"id"`
	From   Holder    `json:"from"`
	Office string    `json:"office"`
	Task   string    `json:"task"`
	TimeWD int       `json:"timeWD"`
	At     time.Time `json:"at"`
	Due    time.Time `json:"due,omitzero"`
	DoneAt time.Time `json:"doneAt,omitzero"`
	DoneBy string    `json:"doneBy,omitempty"`
	Note   string    `json:"note,omitempty"`
	Timing Timing    `json:"timing,omitempty"`
}

// Consultation is a question to another office, with its own time.
type Consultation struct {
	// ID is the ID of the KindConsulted event.
	ID         string    `json:"id"`
	Office     string    `json:"office"`
	Question   string    `json:"question"`
	TimeWD     int       `json:"timeWD"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	Due        time.Time `json:"due,omitzero"`
	AnsweredAt time.Time `json:"answeredAt,omitzero"`
	AnsweredBy string    `json:"answeredBy,omitempty"`
	Answer     string    `json:"answer,omitempty"`
	Timing     Timing    `json:"timing,omitempty"`
}

// Appraisal is the officer's conclusion.
type Appraisal struct {
	Opinion Opinion   `json:"opinion"`
	Note    string    `json:"note,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// Supplement is one request to supplement (Form 02) and its answer.
type Supplement struct {
	ID         string             `json:"id"`
	At         time.Time          `json:"at"`
	By         string             `json:"by"`
	Office     string             `json:"office"`
	Missing    []string           `json:"missing"`
	Note       string             `json:"note,omitempty"`
	ReceivedAt time.Time          `json:"receivedAt,omitzero"`
	Documents  []ReceivedDocument `json:"documents,omitempty"`
	NewDue     time.Time          `json:"newDue,omitzero"`
}

// Payment is one payment request and its settlement.
type Payment struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	AmountVND int64     `json:"amountVND"`
	Note      string    `json:"note,omitempty"`
	PaidAt    time.Time `json:"paidAt,omitzero"`
	PaidVND   int64     `json:"paidVND,omitempty"`
	Receipt   string    `json:"receipt,omitempty"`
	// Method is how it was paid (cash, transfer); PaidBy the clerk who
	// recorded it.
	Method Method `json:"method,omitempty"`
	PaidBy string `json:"paidBy,omitempty"`
}

// Pause is a wait for the citizen and the status to resume afterwards.
type Pause struct {
	Kind   Kind      `json:"kind"`
	Since  time.Time `json:"since"`
	Resume Status    `json:"resume"`
}

// StepRow is one row of the process control sheet (Form 05): a hand-over
// from one holder to the next, the step the receiver then does, the time
// allotted to it and, once the receiver hands on, the result.
type StepRow struct {
	No     int       `json:"no"`
	Event  string    `json:"event"`
	Kind   Kind      `json:"kind"`
	Name   string    `json:"name,omitempty"`
	From   Holder    `json:"from"`
	To     Holder    `json:"to"`
	At     time.Time `json:"at"`
	Hours  float64   `json:"hours,omitempty"`
	Due    time.Time `json:"due,omitzero"`
	Done   time.Time `json:"done,omitzero"`
	Result Timing    `json:"result,omitempty"`
}

// ResultKind is how a dossier ended.
type ResultKind string

// The result kinds.
const (
	ResultApproved    ResultKind = "approved"
	ResultRefused     ResultKind = "refused"
	ResultNotAccepted ResultKind = "not_accepted"
	ResultWithdrawn   ResultKind = "withdrawn"
	ResultStopped     ResultKind = "stopped"
)

// Result is the decision on a dossier, or why it ended without one.
type Result struct {
	Kind   ResultKind `json:"kind"`
	Event  string     `json:"event"`
	At     time.Time  `json:"at"`
	By     string     `json:"by"`
	Office string     `json:"office"`
	Number string     `json:"number,omitempty"`
	Reason string     `json:"reason,omitempty"`
}

// Rating is the citizen's satisfaction with the dossier.
type Rating struct {
	Value   string    `json:"value"`
	Comment string    `json:"comment,omitempty"`
	Event   string    `json:"event"`
	At      time.Time `json:"at"`
	By      string    `json:"by"`
}

// Correction is one applied correction, with the old and new values.
type Correction struct {
	Event   string    `json:"event"`
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Reason  string    `json:"reason"`
	Changes []Change  `json:"changes"`
}

// Conflict is an event that was not applied because it was invalid given
// the events before it in fold order (two returns, an edit after the
// return). It stays listed until a KindConflictResolved event decides it.
type Conflict struct {
	// ID and Kind are the conflicting event's.
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	// Why is the stable code of the rule it broke, Message its English text.
	Why     string `json:"why"`
	Message string `json:"message"`
	// Event is the whole event, applied as of the resolution if kept.
	Event      Input       `json:"event"`
	Resolution *Resolution `json:"resolution,omitempty"`
}

// Resolution is an administrator's decision on a conflict.
type Resolution struct {
	Event    string    `json:"event"`
	Decision Decision  `json:"decision"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Note     string    `json:"note,omitempty"`
}

// Problem is an event Fold could not read: an unknown kind, a body that
// does not decode or is of an unknown version, a malformed correction or a
// resolution of no open conflict.
type Problem struct {
	ID      string `json:"id"`
	Kind    Kind   `json:"kind"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Entry is one event of the timeline.
type Entry struct {
	ID          string    `json:"id"`
	Kind        Kind      `json:"kind"`
	At          time.Time `json:"at"`
	Actor       string    `json:"actor"`
	ActorOffice string    `json:"actorOffice"`
	Outcome     Outcome   `json:"outcome"`
	// Why is the conflict's or problem's code.
	Why string `json:"why,omitempty"`
}

// Outcome is what Fold did with an event.
type Outcome string

// The outcomes.
const (
	OutcomeApplied   Outcome = "applied"
	OutcomeConflict  Outcome = "conflict"
	OutcomeProblem   Outcome = "problem"
	OutcomeKept      Outcome = "kept"
	OutcomeDiscarded Outcome = "discarded"
)
