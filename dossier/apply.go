package dossier

import (
	"maps"
	"slices"
	"time"
)

// apply changes d as the event says. admissible has accepted it, or an
// administrator kept it, so apply assumes nothing about d: on a state the
// event does not fit it does what it can and never panics.
func (d *Dossier) apply(in Input, b Body) {
	switch b := b.(type) {
	case *Received:
		d.applyReceived(in, b)
	case *HandedOver:
		to := Holder{Office: b.ToOffice, Officer: b.ToOfficer}
		if to.Office == "" {
			to.Office = d.Holder.Office
		}
		d.Status = StatusHandedOver
		if to.Officer != "" {
			d.Status = StatusAssigned
		}
		d.handOver(in, to, b.Step)
	case *Assigned:
		officer := b.Officer
		if officer == "" {
			officer = in.Actor
		}
		d.Status = StatusAssigned
		d.handOver(in, Holder{Office: d.Holder.Office, Officer: officer}, b.Step)
	case *Appraised:
		d.Status = StatusAppraised
		d.Appraisal = &Appraisal{Opinion: b.Opinion, Note: b.Note, By: in.Actor, At: in.At}
	case *Consulted:
		d.Consultations = append(d.Consultations, Consultation{
			ID: in.ID, Office: b.Office, Question: b.Question, TimeWD: b.TimeWD, By: in.Actor, At: in.At, Due: inZone(b.Due),
		})
	case *ConsultAnswered:
		if c := d.consultation(in.office(), b.Consultation); c != nil {
			c.AnsweredAt, c.AnsweredBy, c.Answer = in.At, in.Actor, b.Answer
		}
	case *Transferred:
		d.applyTransferred(in, b)
	case *TaskCompleted:
		d.applyTaskCompleted(in, b)
	case *SupplementRequested:
		d.Supplements = append(d.Supplements, Supplement{
			ID: in.ID, At: in.At, By: in.Actor, Office: in.office(), Missing: slices.Clone(b.Missing), Note: b.Note,
		})
		if len(d.Supplements) > 1 {
			d.SecondSupplement = true
		}
		d.pause(in, StatusSupplementRequested)
		d.closeStep(in.At)
	case *SupplementReceived:
		d.applySupplementReceived(in, b)
	case *PaymentRequested:
		d.Payments = append(d.Payments, Payment{ID: in.ID, At: in.At, AmountVND: b.AmountVND, Note: b.Note})
		d.pause(in, StatusPaymentRequested)
	case *PaymentReceived:
		if n := len(d.Payments); n > 0 {
			p := &d.Payments[n-1]
			p.PaidAt, p.PaidVND, p.Receipt, p.Method, p.PaidBy = in.At, b.AmountVND, b.Receipt, b.Method, in.Actor
		}
		d.resume()
	case *Refused:
		if d.Status == StatusReceived {
			d.end(in, StatusNotAccepted, ResultNotAccepted, b.Reason)
		} else {
			d.Status = StatusRefused
			d.Result = &Result{Kind: ResultRefused, Event: in.ID, At: in.At, By: in.Actor, Office: in.office(), Reason: b.Reason}
		}
	case *Rescheduled:
		d.Rescheduled = true
		d.setDue(in, inZone(b.NewDue), DeadlineReschedule, b.Reason)
	case *Submitted:
		d.Status = StatusSubmitted
		d.handOver(in, Holder{Office: d.Holder.Office, Officer: b.To}, b.Step)
	case *Signed:
		d.Status = StatusSigned
		d.Result = &Result{Kind: ResultApproved, Event: in.ID, At: in.At, By: in.Actor, Office: in.office(), Number: b.Number}
	case *ResultAtDesk:
		d.Status = StatusResultAtDesk
		d.FinishedAt = in.At
		d.ResultFiles = addFiles(d.ResultFiles, b.Files)
		d.handOver(in, Holder{Office: d.Office, Officer: in.Actor}, b.Step)
	case *Returned:
		d.Status = StatusReturned
		d.ReturnedAt, d.Recipient = in.At, b.Recipient
		d.closeStep(in.At)
		if b.Rating != "" {
			d.Rating = &Rating{Value: b.Rating, Comment: b.Comment, Event: in.ID, At: in.At, By: in.Actor}
		}
	case *Rated:
		d.Rating = &Rating{Value: b.Rating, Comment: b.Comment, Event: in.ID, At: in.At, By: in.Actor}
	case *Withdrawn:
		d.end(in, StatusWithdrawn, ResultWithdrawn, b.Reason)
	case *Stopped:
		d.end(in, StatusStopped, ResultStopped, b.Reason)
	case *Corrected:
		d.applyCorrected(in, b)
	case *Scanned:
		if b.Result {
			d.ResultFiles = addFiles(d.ResultFiles, b.Files)
		} else if b.Paper >= 1 && b.Paper <= len(d.Documents) {
			doc := &d.Documents[b.Paper-1]
			doc.Files = addFiles(doc.Files, b.Files)
		}
	}
}

func (d *Dossier) applyReceived(in Input, b *Received) {
	d.Code, d.Agency, d.Office, d.Desk, d.Book = b.Code, b.Agency, in.office(), b.Desk, b.Book
	d.Status = StatusReceived
	d.Procedure = b.Procedure
	d.Procedure.Steps = slices.Clone(b.Procedure.Steps)
	d.Applicant, d.Channel, d.Sets, d.FormSet = b.Applicant, b.Channel, b.Sets, b.FormSet
	if r := b.Applicant.Representative; r != nil {
		c := *r
		d.Applicant.Representative = &c
	}
	d.Documents = slices.Clone(b.Documents)
	d.Procedure.SupplementLimitWD = clonePtr(b.Procedure.SupplementLimitWD)
	d.Procedure.RescheduleNoticeWD = clonePtr(b.Procedure.RescheduleNoticeWD)
	d.Extension = clonePtr(b.Extension)
	d.Rules = maps.Clone(b.Rules)
	d.FeeQuote = clonePtr(b.FeeQuote)
	d.ReceivedAt = inZone(b.ReceivedAt)
	d.CountFrom = nil
	if b.CountFrom != nil {
		c := *b.CountFrom
		d.CountFrom = &c
	}
	d.OriginalDue = inZone(b.Due)
	d.setDue(in, d.OriginalDue, DeadlineReceived, "")
	d.handOver(in, Holder{Office: d.Office, Officer: in.Actor}, b.Step)
}

func (d *Dossier) applyTransferred(in Input, b *Transferred) {
	d.Tasks = append(d.Tasks, Task{
		ID: in.ID, From: d.Holder, Office: b.Office, Task: b.Task, TimeWD: b.TimeWD, At: in.At, Due: inZone(b.Due),
	})
	plan := b.Step
	if plan.Name == "" {
		plan.Name = b.Task
	}
	if plan.Due.IsZero() {
		plan.Due = b.Due
	}
	d.Status = StatusTransferred
	d.handOver(in, Holder{Office: b.Office}, plan)
}

func (d *Dossier) applyTaskCompleted(in Input, b *TaskCompleted) {
	t := d.openTask(in.office(), b.Task)
	if t == nil {
		return
	}
	t.DoneAt, t.DoneBy, t.Note = in.At, in.Actor, b.Note
	back := t.From
	if d.Status.InProgress() {
		d.Status = StatusHandedOver
		if back.Officer != "" {
			d.Status = StatusAssigned
		}
	}
	d.handOver(in, back, b.Step)
}

func (d *Dossier) applySupplementReceived(in Input, b *SupplementReceived) {
	if n := len(d.Supplements); n > 0 {
		s := &d.Supplements[n-1]
		s.ReceivedAt, s.NewDue = in.At, inZone(b.NewDue)
		s.Documents = slices.Clone(b.Documents)
	}
	if !b.NewDue.IsZero() {
		d.setDue(in, inZone(b.NewDue), DeadlineSupplement, b.Note)
	}
	d.resume()
	d.handOver(in, d.Holder, b.Step)
	// The papers came to the desk: the row's giver is the desk.
	if n := len(d.Steps); n > 0 {
		d.Steps[n-1].From = Holder{Office: d.Office, Officer: in.Actor}
	}
}

// pause records a wait for the citizen.
func (d *Dossier) pause(in Input, s Status) {
	if d.Paused == nil {
		d.Paused = &Pause{Kind: in.Kind, Since: in.At, Resume: d.Status}
	}
	d.Status = s
}

// resume ends a wait for the citizen and returns to the status before it;
// the holder kept the dossier meanwhile.
func (d *Dossier) resume() {
	if d.Paused == nil {
		return
	}
	d.Status = d.Paused.Resume
	d.Paused = nil
}

// end closes the dossier without a result to collect.
func (d *Dossier) end(in Input, s Status, k ResultKind, reason string) {
	d.Status = s
	d.Paused = nil
	d.Result = &Result{Kind: k, Event: in.ID, At: in.At, By: in.Actor, Office: in.office(), Reason: reason}
	d.closeStep(in.At)
}

// setDue makes due the current due date and records it in the history.
func (d *Dossier) setDue(in Input, due time.Time, why DeadlineReason, note string) {
	d.Due = due
	d.Deadlines = append(d.Deadlines, Deadline{Event: in.ID, At: in.At, Due: due, Reason: why, Note: note})
}

// handOver closes the open step row, opens one for the step the new holder
// starts and makes it the holder.
func (d *Dossier) handOver(in Input, to Holder, plan StepPlan) {
	d.closeStep(in.At)
	from := d.Holder
	if in.Kind == KindReceived {
		from = Holder{}
	}
	d.Steps = append(d.Steps, StepRow{
		No: len(d.Steps) + 1, Event: in.ID, Kind: in.Kind, Name: plan.Name, From: from, To: to,
		At: in.At, Hours: plan.Hours, Due: inZone(plan.Due),
	})
	d.Holder = to
}

// closeStep marks the open step row, if any, done at t.
func (d *Dossier) closeStep(t time.Time) {
	if n := len(d.Steps); n > 0 && d.Steps[n-1].Done.IsZero() {
		d.Steps[n-1].Done = t
	}
}

// consultation returns the open consultation of office with the given ID
// (any open one of office when id is empty), or nil.
func (d *Dossier) consultation(office, id string) *Consultation {
	for i := len(d.Consultations) - 1; i >= 0; i-- {
		c := &d.Consultations[i]
		if c.Office == office && c.AnsweredAt.IsZero() && (id == "" || c.ID == id) {
			return c
		}
	}
	return nil
}

// openTask returns the open liên thông task of office with the given ID
// (the latest open one of office when id is empty), or nil.
func (d *Dossier) openTask(office, id string) *Task {
	for i := len(d.Tasks) - 1; i >= 0; i-- {
		t := &d.Tasks[i]
		if t.Office == office && t.DoneAt.IsZero() && (id == "" || t.ID == id) {
			return t
		}
	}
	return nil
}

// clonePtr returns a copy of *p, nil for nil, so that a dossier never
// shares memory with the body it folded.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}
