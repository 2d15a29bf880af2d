package dossier

import (
	"slices"
)

// Fold returns the dossier its events make, applied in the order given (the
// store's fold order, by hybrid clock, origin and sequence). It is
// deterministic and total: it never fails and never panics, whatever the
// events say.
//
// Each event is first decoded. One that cannot be read (an unknown kind, a
// body that does not decode or of another version) is listed in Problems and
// otherwise ignored. One that is invalid given the state the events before it
// built — a second return, a correction after the return, an action by an
// office that no longer holds the dossier — is listed in Conflicts and not
// applied, until a KindConflictResolved event keeps it (it is then applied
// as of the resolution) or discards it. Every event appears in Timeline with
// what became of it. An event whose ID was already folded is ignored.
//
// Fold only checks what the events alone can tell: the state and the acting
// office. Roles, calendars and the content rules of bodies are checked before
// an event is written, by Check.
func Fold(inputs []Input) Dossier {
	var d Dossier
	for _, in := range inputs {
		d.Apply(in)
	}
	return d
}

// Apply folds one more event into d. Folding events one by one into a
// Dossier decoded from the JSON of an earlier fold gives the same JSON as
// folding them all at once.
func (d *Dossier) Apply(in Input) {
	in = in.normalized()
	if in.ID != "" && d.seen(in.ID) {
		return
	}
	entry := Entry{ID: in.ID, Kind: in.Kind, At: in.At, Actor: in.Actor, ActorOffice: in.office(), Outcome: OutcomeApplied}
	b, re := decode(in.Kind, in.Body)
	if re == nil {
		re = admissible(d, in.Kind, in.office(), b)
	}
	switch {
	case re == nil:
		if r, ok := b.(*ConflictResolved); ok {
			d.resolve(in, r)
		} else {
			d.apply(in, b)
		}
	case b == nil || in.Kind == KindConflictResolved || re.Code == CodeBadValue:
		d.Problems = append(d.Problems, Problem{ID: in.ID, Kind: in.Kind, Code: re.Code, Message: re.Message})
		entry.Outcome, entry.Why = OutcomeProblem, re.Code
	default:
		d.Conflicts = append(d.Conflicts, Conflict{ID: in.ID, Kind: in.Kind, Why: re.Code, Message: re.Message, Event: in})
		entry.Outcome, entry.Why = OutcomeConflict, re.Code
	}
	d.Timeline = append(d.Timeline, entry)
	d.derive()
}

// seen reports whether an event with this ID was folded already.
func (d *Dossier) seen(id string) bool {
	return slices.ContainsFunc(d.Timeline, func(e Entry) bool { return e.ID == id })
}

// resolve settles an open conflict; admissible has checked that it is one.
func (d *Dossier) resolve(in Input, r *ConflictResolved) {
	i := slices.IndexFunc(d.Conflicts, func(c Conflict) bool { return c.ID == r.Event })
	if i < 0 {
		return
	}
	c := d.Conflicts[i]
	d.Conflicts = slices.Delete(d.Conflicts, i, i+1)
	c.Resolution = &Resolution{Event: in.ID, Decision: r.Decision, At: in.At, By: in.Actor, Note: r.Note}
	d.Resolved = append(d.Resolved, c)
	outcome := OutcomeDiscarded
	if r.Decision == DecisionKeep {
		outcome = OutcomeKept
		if b, re := decode(c.Event.Kind, c.Event.Body); re == nil {
			if _, nested := b.(*ConflictResolved); !nested {
				d.apply(c.Event, b)
			}
		}
	}
	for j := range d.Timeline {
		if d.Timeline[j].ID == c.ID && d.Timeline[j].Outcome == OutcomeConflict {
			d.Timeline[j].Outcome = outcome
			break
		}
	}
}

// derive recomputes the fields that follow from the others: the national
// status, the offices involved and every timing classification.
func (d *Dossier) derive() {
	d.National = NationalStatus(d.Status)
	offices := []string{}
	add := func(o string) {
		if o != "" {
			offices = append(offices, o)
		}
	}
	add(d.Office)
	add(d.Holder.Office)
	for i := range d.Tasks {
		t := &d.Tasks[i]
		add(t.Office)
		add(t.From.Office)
		t.Timing = classifyDone(t.DoneAt, t.Due)
	}
	for i := range d.Consultations {
		c := &d.Consultations[i]
		add(c.Office)
		c.Timing = classifyDone(c.AnsweredAt, c.Due)
	}
	for i := range d.Steps {
		s := &d.Steps[i]
		s.Result = classifyDone(s.Done, s.Due)
	}
	slices.Sort(offices)
	d.Offices = slices.Compact(offices)
	if len(d.Offices) == 0 {
		d.Offices = nil
	}
	d.Timing = d.classify(d.FinishedAt, TimingBasisOriginal)
}
