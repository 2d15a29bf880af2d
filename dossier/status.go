package dossier

// Status is where a dossier stands. The product's statuses are richer than
// the national ones; NationalStatus maps them.
type Status string

// The statuses. StatusNone is a dossier with no reception yet (the zero
// Dossier).
const (
	StatusNone Status = ""
	// StatusReceived means the dossier is at the receiving desk.
	StatusReceived Status = "received"
	// StatusHandedOver means it is at the processing unit, with no officer yet.
	StatusHandedOver Status = "handed_over"
	// StatusAssigned means an officer is appraising it.
	StatusAssigned Status = "assigned"
	// StatusAppraised means the appraisal is done and the draft result not yet
	// submitted.
	StatusAppraised Status = "appraised"
	// StatusTransferred means it is at another office for a liên thông task and
	// nobody there has taken it yet.
	StatusTransferred Status = "transferred"
	// StatusSupplementRequested means it waits for the citizen's papers; the clock
	// is stopped.
	StatusSupplementRequested Status = "supplement_requested"
	// StatusPaymentRequested means it waits for the citizen's payment.
	StatusPaymentRequested Status = "payment_requested"
	// StatusSubmitted means it waits for a leader's signature.
	StatusSubmitted Status = "submitted"
	// StatusSigned means the result is signed.
	StatusSigned Status = "signed"
	// StatusRefused means it was refused after appraisal; the refusal is the
	// result.
	StatusRefused Status = "refused"
	// StatusResultAtDesk means the result is at the desk for the citizen.
	StatusResultAtDesk Status = "result_at_desk"
	// StatusReturned means the result was handed to the citizen. It is final.
	StatusReturned Status = "returned"
	// StatusNotAccepted means it was refused at the desk (Form 03). It is final.
	StatusNotAccepted Status = "not_accepted"
	// StatusWithdrawn means the citizen withdrew it. It is final.
	StatusWithdrawn Status = "withdrawn"
	// StatusStopped means processing was stopped. It is final.
	StatusStopped Status = "stopped"
)

// Statuses lists every status of a received dossier, in lifecycle order.
func Statuses() []Status {
	return []Status{
		StatusReceived, StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred,
		StatusSupplementRequested, StatusPaymentRequested, StatusSubmitted, StatusSigned, StatusRefused,
		StatusResultAtDesk, StatusReturned, StatusNotAccepted, StatusWithdrawn, StatusStopped,
	}
}

// Final reports whether nothing more happens to a dossier in status s
// (besides a rating, a correction or a conflict's resolution).
func (s Status) Final() bool {
	switch s {
	case StatusReturned, StatusNotAccepted, StatusWithdrawn, StatusStopped:
		return true
	}
	return false
}

// InProgress reports whether the office still owes the citizen a result:
// the dossier is received and neither final, nor with its result ready.
func (s Status) InProgress() bool {
	switch s {
	case StatusNone, StatusSigned, StatusRefused, StatusResultAtDesk:
		return false
	}
	return !s.Final()
}

// The national status codes used when exchanging with provincial and
// national systems (DOMAIN.md §3).
const (
	NationalNew                 = 1
	NationalAccepted            = 2
	NationalNotAccepted         = 3
	NationalProcessing          = 4
	NationalSupplementRequested = 5
	NationalPaymentRequested    = 6
	NationalWithdrawal          = 7
	NationalStopped             = 8
	NationalResolved            = 9
	NationalReturned            = 10
)

// NationalStatus maps a status to the national code (1–10), or 0 for
// StatusNone. A dossier is accepted (2) while at the desk, processing (4)
// from the hand-over to the signature, including liên thông tasks, and
// resolved (9) once signed or refused after appraisal until the citizen
// collects the result (10). NationalNew (1), an online submission not yet
// examined, has no status here: this package starts at reception.
func NationalStatus(s Status) int {
	switch s {
	case StatusReceived:
		return NationalAccepted
	case StatusNotAccepted:
		return NationalNotAccepted
	case StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred, StatusSubmitted:
		return NationalProcessing
	case StatusSupplementRequested:
		return NationalSupplementRequested
	case StatusPaymentRequested:
		return NationalPaymentRequested
	case StatusWithdrawn:
		return NationalWithdrawal
	case StatusStopped:
		return NationalStopped
	case StatusSigned, StatusRefused, StatusResultAtDesk:
		return NationalResolved
	case StatusReturned:
		return NationalReturned
	}
	return 0
}
