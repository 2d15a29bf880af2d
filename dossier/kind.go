package dossier

// Kind names what happened to a dossier: the kind of its event. The values
// are stable; they are written in every stored event.
type Kind string

// The event kinds. New kinds are added at the end of the list; a kind never
// changes meaning.
const (
	// KindReceived records that the desk received a complete dossier and issued
	// Form 01.
	KindReceived Kind = "dossier.received"
	// KindHandedOver records that the desk handed the dossier to the processing
	// unit.
	KindHandedOver Kind = "dossier.handed_over"
	// KindAssigned records that an officer took the dossier, or a leader assigned
	// it.
	KindAssigned Kind = "dossier.assigned"
	// KindAppraised records that the officer finished the appraisal (thẩm định).
	KindAppraised Kind = "dossier.appraised"
	// KindConsulted records that the officer asked another office for an opinion,
	// with its own time.
	KindConsulted Kind = "dossier.consulted"
	// KindConsultAnswered records the consulted office's answer.
	KindConsultAnswered Kind = "dossier.consult_answered"
	// KindTransferred records that the dossier moved to another office (liên
	// thông) with a task and the task's own time.
	KindTransferred Kind = "dossier.transferred"
	// KindTaskCompleted records that the office of a liên thông task finished it
	// and sent the dossier back to the office that transferred it.
	KindTaskCompleted Kind = "dossier.task_completed"
	// KindSupplementRequested records Form 02, which lists everything missing.
	KindSupplementRequested Kind = "dossier.supplement_requested"
	// KindSupplementReceived records that the missing papers arrived; the time
	// limit restarts from zero.
	KindSupplementReceived Kind = "dossier.supplement_received"
	// KindPaymentRequested records that the citizen is asked to pay a fee.
	KindPaymentRequested Kind = "dossier.payment_requested"
	// KindPaymentReceived records that the fee was paid.
	KindPaymentReceived Kind = "dossier.payment_received"
	// KindRefused records Form 03, at the desk (not accepted) or after appraisal
	// (the refusal is the result).
	KindRefused Kind = "dossier.refused"
	// KindRescheduled records Form 04, an apology with a new due date (once).
	KindRescheduled Kind = "dossier.rescheduled"
	// KindSubmitted records that the officer submitted the draft result for
	// signature.
	KindSubmitted Kind = "dossier.submitted"
	// KindSigned records that the leader signed the result.
	KindSigned Kind = "dossier.signed"
	// KindResultAtDesk records that the result reached the receiving desk.
	KindResultAtDesk Kind = "dossier.result_at_desk"
	// KindReturned records that the result was handed to the citizen, optionally
	// with the citizen's rating.
	KindReturned Kind = "dossier.returned"
	// KindRated records the citizen's rating after the return.
	KindRated Kind = "dossier.rated"
	// KindWithdrawn records that the citizen withdrew the dossier.
	KindWithdrawn Kind = "dossier.withdrawn"
	// KindStopped records that the office stopped processing the dossier.
	KindStopped Kind = "dossier.stopped"
	// KindCorrected records that an administrator corrected recorded fields; the
	// history keeps the old and new values.
	KindCorrected Kind = "dossier.corrected"
	// KindConflictResolved records an administrator's decision on a listed
	// conflict.
	KindConflictResolved Kind = "dossier.conflict_resolved"
	// KindScanned records scans attached to a paper already received: a
	// scanner's batch after the citizen left, or the bulk digitization of
	// old dossiers (hoso-node attach).
	KindScanned Kind = "dossier.scanned"
)

// Kinds lists every kind in lifecycle order, the order AllowedActions uses.
func Kinds() []Kind {
	return []Kind{
		KindReceived, KindHandedOver, KindAssigned, KindAppraised, KindConsulted, KindConsultAnswered,
		KindTransferred, KindTaskCompleted, KindSupplementRequested, KindSupplementReceived,
		KindPaymentRequested, KindPaymentReceived, KindRefused, KindRescheduled, KindSubmitted,
		KindSigned, KindResultAtDesk, KindReturned, KindRated, KindWithdrawn, KindStopped,
		KindCorrected, KindConflictResolved, KindScanned,
	}
}

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool {
	_, ok := newBody[k]
	return ok
}
