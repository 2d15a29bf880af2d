package dossier

import (
	"time"

	"hoso/attach"
)

// HandedOver is the body of KindHandedOver.
type HandedOver struct {
	Header
	// ToOffice is the office of the processing unit; empty means the
	// receiving office itself.
	ToOffice string `json:"toOffice,omitempty"`
	// ToOfficer is the officer who takes the dossier, when known.
	ToOfficer string   `json:"toOfficer,omitempty"`
	Note      string   `json:"note,omitempty"`
	Step      StepPlan `json:"step"`
}

// Kind returns KindHandedOver.
func (*HandedOver) Kind() Kind { return KindHandedOver }

// Assigned is the body of KindAssigned.
type Assigned struct {
	Header
	// Officer is the user who will process the dossier; empty means the
	// actor takes it.
	Officer string   `json:"officer,omitempty"`
	Note    string   `json:"note,omitempty"`
	Step    StepPlan `json:"step"`
}

// Kind returns KindAssigned.
func (*Assigned) Kind() Kind { return KindAssigned }

// Opinion is an appraisal's conclusion.
type Opinion string

// The opinions. An appraisal concludes with one of them; a leader who signs
// the approval of a dossier whose appraisal proposed anything else
// acknowledges that opinion in the signature (Signed.Acknowledged).
const (
	// OpinionApprove proposes to decide the dossier as asked.
	OpinionApprove Opinion = "approve"
	// OpinionRefuse proposes to refuse it (Form 03 after appraisal).
	OpinionRefuse Opinion = "refuse"
	// OpinionSupplement proposes to ask the citizen for more papers
	// (Form 02) before deciding.
	OpinionSupplement Opinion = "supplement"
)

// Valid reports whether o is one of the opinions.
func (o Opinion) Valid() bool {
	return o == OpinionApprove || o == OpinionRefuse || o == OpinionSupplement
}

// Appraised is the body of KindAppraised.
type Appraised struct {
	Header
	Opinion Opinion `json:"opinion"`
	Note    string  `json:"note,omitempty"`
}

// Kind returns KindAppraised.
func (*Appraised) Kind() Kind { return KindAppraised }

// Consulted is the body of KindConsulted: a question to another office,
// with its own time.
type Consulted struct {
	Header
	Office   string    `json:"office"`
	Question string    `json:"question"`
	TimeWD   int       `json:"timeWD"`
	Due      time.Time `json:"due"`
}

// Kind returns KindConsulted.
func (*Consulted) Kind() Kind { return KindConsulted }

// ConsultAnswered is the body of KindConsultAnswered.
type ConsultAnswered struct {
	Header
	// Consultation is the ID of the KindConsulted event answered.
	Consultation string `json:"consultation"`
	Answer       string `json:"answer"`
}

// Kind returns KindConsultAnswered.
func (*ConsultAnswered) Kind() Kind { return KindConsultAnswered }

// Transferred is the body of KindTransferred: a liên thông hand-over to any
// office, of the same level or another, with the task it must do and the
// task's own time (the routing slip's row).
type Transferred struct {
	Header
	Office string    `json:"office"`
	Task   string    `json:"task"`
	TimeWD int       `json:"timeWD"`
	Due    time.Time `json:"due"`
	Step   StepPlan  `json:"step"`
}

// Kind returns KindTransferred.
func (*Transferred) Kind() Kind { return KindTransferred }

// TaskCompleted is the body of KindTaskCompleted.
type TaskCompleted struct {
	Header
	// Task is the ID of the KindTransferred event whose task is done.
	Task string   `json:"task"`
	Note string   `json:"note,omitempty"`
	Step StepPlan `json:"step"`
}

// Kind returns KindTaskCompleted.
func (*TaskCompleted) Kind() Kind { return KindTaskCompleted }

// SupplementRequested is the body of KindSupplementRequested (Form 02).
type SupplementRequested struct {
	Header
	// Missing lists everything missing, at once.
	Missing []string `json:"missing"`
	Note    string   `json:"note,omitempty"`
}

// Kind returns KindSupplementRequested.
func (*SupplementRequested) Kind() Kind { return KindSupplementRequested }

// SupplementReceived is the body of KindSupplementReceived.
type SupplementReceived struct {
	Header
	Documents []ReceivedDocument `json:"documents"`
	// NewDue is the due instant counted again from zero from this event,
	// with the procedure's time limit (RestartDue).
	NewDue time.Time `json:"newDue"`
	Note   string    `json:"note,omitempty"`
	Step   StepPlan  `json:"step"`
}

// Kind returns KindSupplementReceived.
func (*SupplementReceived) Kind() Kind { return KindSupplementReceived }

// PaymentRequested is the body of KindPaymentRequested: the fee asked of
// the citizen, and how it was computed (the quote's text, or the clerk's
// note).
type PaymentRequested struct {
	Header
	AmountVND int64  `json:"amountVND"`
	Note      string `json:"note,omitempty"`
}

// Kind returns KindPaymentRequested.
func (*PaymentRequested) Kind() Kind { return KindPaymentRequested }

// PaymentReceived is the body of KindPaymentReceived: the amount paid, how
// (Method) and the number of the receipt the desk issued for it, from the
// desk's own series (payment.go). Events recorded before receipts were
// numbered have neither.
type PaymentReceived struct {
	Header
	AmountVND int64  `json:"amountVND"`
	Receipt   string `json:"receipt,omitempty"`
	Method    Method `json:"method,omitempty"`
}

// Kind returns KindPaymentReceived.
func (*PaymentReceived) Kind() Kind { return KindPaymentReceived }

// Refused is the body of KindRefused (Form 03).
type Refused struct {
	Header
	Reason string `json:"reason"`
}

// Kind returns KindRefused.
func (*Refused) Kind() Kind { return KindRefused }

// Rescheduled is the body of KindRescheduled (Form 04).
type Rescheduled struct {
	Header
	NewDue time.Time `json:"newDue"`
	Reason string    `json:"reason"`
}

// Kind returns KindRescheduled.
func (*Rescheduled) Kind() Kind { return KindRescheduled }

// Submitted is the body of KindSubmitted.
type Submitted struct {
	Header
	// To is the leader asked to sign; empty means any leader of the office.
	To   string   `json:"to,omitempty"`
	Note string   `json:"note,omitempty"`
	Step StepPlan `json:"step"`
}

// Kind returns KindSubmitted.
func (*Submitted) Kind() Kind { return KindSubmitted }

// Signed is the body of KindSigned.
type Signed struct {
	Header
	// Number is the signed document's number, when it has one.
	Number string `json:"number,omitempty"`
	Note   string `json:"note,omitempty"`
	// Acknowledged is the appraisal's opinion the leader saw and signs the
	// approval against: required, and equal to it, when the appraisal
	// proposed anything but approval (CodeOpinionNotAcknowledged); empty
	// otherwise, and in signatures recorded before the rule.
	Acknowledged Opinion `json:"acknowledged,omitempty"`
}

// Kind returns KindSigned.
func (*Signed) Kind() Kind { return KindSigned }

// ResultAtDesk is the body of KindResultAtDesk.
type ResultAtDesk struct {
	Header
	Note string   `json:"note,omitempty"`
	Step StepPlan `json:"step"`
	// Files are the electronic result (Dossier.ResultFiles). They come
	// with this act, not with the signature: the desk is where the signed
	// paper is in hand to be scanned, and where a liên thông agency's PDF
	// arrives; the leader's signature is recorded by the processing unit,
	// which may not hold the paper the desk returns.
	Files []attach.Ref `json:"files,omitempty"`
}

// Kind returns KindResultAtDesk.
func (*ResultAtDesk) Kind() Kind { return KindResultAtDesk }

// Returned is the body of KindReturned.
type Returned struct {
	Header
	// Recipient is who collected the result: required of a new return
	// (the desk offers the applicant); empty in returns recorded before
	// the rule.
	Recipient string `json:"recipient,omitempty"`
	// Rating is a value of the office's Scale, or empty when the citizen
	// did not rate (a later KindRated may record it).
	Rating  string `json:"rating,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Kind returns KindReturned.
func (*Returned) Kind() Kind { return KindReturned }

// Rated is the body of KindRated.
type Rated struct {
	Header
	Rating  string `json:"rating"`
	Comment string `json:"comment,omitempty"`
}

// Kind returns KindRated.
func (*Rated) Kind() Kind { return KindRated }

// Withdrawn is the body of KindWithdrawn.
type Withdrawn struct {
	Header
	Reason string `json:"reason"`
}

// Kind returns KindWithdrawn.
func (*Withdrawn) Kind() Kind { return KindWithdrawn }

// Stopped is the body of KindStopped.
type Stopped struct {
	Header
	Reason string `json:"reason"`
}

// Kind returns KindStopped.
func (*Stopped) Kind() Kind { return KindStopped }

// Change is one corrected field: its name (one of CorrectableFields), the
// value it had and the value it gets, both as text.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Corrected is the body of KindCorrected.
type Corrected struct {
	Header
	Changes []Change `json:"changes"`
	Reason  string   `json:"reason"`
}

// Kind returns KindCorrected.
func (*Corrected) Kind() Kind { return KindCorrected }

// Decision is how an administrator settles a conflict.
type Decision string

// The decisions.
const (
	// DecisionKeep applies the conflicting event as of the resolution.
	DecisionKeep Decision = "keep"
	// DecisionDiscard leaves it in the history, never applied.
	DecisionDiscard Decision = "discard"
)

// ConflictResolved is the body of KindConflictResolved.
type ConflictResolved struct {
	Header
	// Event is the ID of the conflicting event.
	Event    string   `json:"event"`
	Decision Decision `json:"decision"`
	Note     string   `json:"note,omitempty"`
}

// Kind returns KindConflictResolved.
func (*ConflictResolved) Kind() Kind { return KindConflictResolved }
