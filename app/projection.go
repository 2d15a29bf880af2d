package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"hoso/store"
)

// Projections returns every projection the services read, for the store
// to fold inside its write transactions. Their names are part of stored
// keys and never change.
func Projections() []store.Projection {
	return []store.Projection{officeProjection, userProjection, calendarProjection, calendarRulesProjection, procedureProjection, dossierProjection{}, scaleProjection, templateProjection, reportRulesProjection, scoresProjection, printSettingsProj, intakeProjection, feeProj, accessProjection, isoRegisterProjection, isoDisposalProjection, isoProcessProjection, isoObjectiveProjection, isoPolicyProjection, isoReviewProjection, isoNCProjection, isoActionProjection, isoAuditProjection, isoProgrammeProjection, planProjection, planProgressProjection, planRemindProjection, planAckProjection, inspectionProjection, qreportProjection, complaintProjection, complaintLimitsProjection}
}

// jsonProjection folds a subject's events into a JSON-encoded state with a
// reducer. Go's JSON encoding of structs is deterministic and round-trips
// the state exactly, so folding in steps gives the same bytes as folding
// at once, as the store requires.
type jsonProjection[S any] struct {
	name   string
	prefix string
	apply  func(s *S, e *store.Event)
	index  func(subject string, s *S) []store.IndexEntry
}

// Name identifies the projection in stored keys.
func (p jsonProjection[S]) Name() string { return p.name }

// Wants reports whether the subject is one of this projection's.
func (p jsonProjection[S]) Wants(subject string) bool { return strings.HasPrefix(subject, p.prefix) }

// Fold applies events to the state.
func (p jsonProjection[S]) Fold(subject string, state []byte, events []*store.Event) (store.Folded, error) {
	var s S
	if state != nil {
		if err := json.Unmarshal(state, &s); err != nil {
			return store.Folded{}, fmt.Errorf("decoding %s state: %w", p.name, err)
		}
	}
	for _, e := range events {
		p.apply(&s, e)
	}
	b, err := json.Marshal(&s)
	if err != nil {
		return store.Folded{}, err
	}
	var idx []store.IndexEntry
	if p.index != nil {
		idx = p.index(subject, &s)
	}
	return store.Folded{State: b, Index: idx}, nil
}

// readState reads a projection's state of a subject into v; found is false
// when the subject has none.
func readState(st *store.Store, projection, subject string, v any) (found bool, err error) {
	b, err := st.State(projection, subject)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, Wrap(CodeInternal, err, "reading "+subject)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, Wrap(CodeInternal, err, "decoding "+subject)
	}
	return true, nil
}

// decodeBody decodes an event body; a body that does not decode leaves v
// unchanged, so a malformed event from a peer cannot stop a fold.
func decodeBody(e *store.Event, v any) bool {
	return json.Unmarshal(e.Body, v) == nil
}

// appendErr turns a store error from a write into an *Error.
func appendErr(err error, what string) error {
	if errors.Is(err, store.ErrInvalid) {
		return Wrap(CodeInvalidInput, err, what+": "+err.Error())
	}
	return Wrap(CodeInternal, err, what)
}

// mustJSON encodes a value that cannot fail to encode (plain structs).
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
