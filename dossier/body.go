package dossier

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Version is the version of every body this package writes. A body carries
// it in its "v" field; Fold applies only the versions it knows (1) and lists
// any other as a problem, so an old node never misreads a newer event.
const Version = 1

// Header is embedded in every body: its version.
type Header struct {
	// V is the body's version; Encode sets it.
	V int `json:"v"`
}

func (h *Header) header() *Header { return h }

// Body is the JSON content of one event kind. Each kind has its own struct,
// named after it (KindReceived has Received, …), with camelCase JSON names
// that never change meaning within a version.
type Body interface {
	// Kind returns the event kind the body belongs to.
	Kind() Kind
	header() *Header
}

// newBody makes an empty body for each kind.
var newBody = map[Kind]func() Body{
	KindReceived:            func() Body { return new(Received) },
	KindHandedOver:          func() Body { return new(HandedOver) },
	KindAssigned:            func() Body { return new(Assigned) },
	KindAppraised:           func() Body { return new(Appraised) },
	KindConsulted:           func() Body { return new(Consulted) },
	KindConsultAnswered:     func() Body { return new(ConsultAnswered) },
	KindTransferred:         func() Body { return new(Transferred) },
	KindTaskCompleted:       func() Body { return new(TaskCompleted) },
	KindSupplementRequested: func() Body { return new(SupplementRequested) },
	KindSupplementReceived:  func() Body { return new(SupplementReceived) },
	KindPaymentRequested:    func() Body { return new(PaymentRequested) },
	KindPaymentReceived:     func() Body { return new(PaymentReceived) },
	KindRefused:             func() Body { return new(Refused) },
	KindRescheduled:         func() Body { return new(Rescheduled) },
	KindSubmitted:           func() Body { return new(Submitted) },
	KindSigned:              func() Body { return new(Signed) },
	KindResultAtDesk:        func() Body { return new(ResultAtDesk) },
	KindReturned:            func() Body { return new(Returned) },
	KindRated:               func() Body { return new(Rated) },
	KindWithdrawn:           func() Body { return new(Withdrawn) },
	KindStopped:             func() Body { return new(Stopped) },
	KindCorrected:           func() Body { return new(Corrected) },
	KindConflictResolved:    func() Body { return new(ConflictResolved) },
	KindScanned:             func() Body { return new(Scanned) },
}

// Encode returns the JSON body of an event. It stamps the current Version
// into b when b's version is unset, and refuses a body of another version.
func Encode(b Body) ([]byte, error) {
	h := b.header()
	if h.V == 0 {
		h.V = Version
	}
	if h.V != Version {
		return nil, ruleErr(CodeUnsupportedVersion, "a %s body of version %d cannot be written (this is version %d)", b.Kind(), h.V, Version)
	}
	raw, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encoding %s body: %w", b.Kind(), err)
	}
	return raw, nil
}

// NewAction returns the action that writes b: its kind and encoded body,
// ready for Check and then for the store.
func NewAction(b Body) (Action, error) {
	raw, err := Encode(b)
	if err != nil {
		return Action{}, err
	}
	return Action{Kind: b.Kind(), Body: raw}, nil
}

// Decode reads the body of an event of kind k. It fails with a *RuleError:
// CodeUnknownKind for a kind this package does not know, CodeBadBody for
// bytes that are not one JSON object of the kind's shape, and
// CodeUnsupportedVersion for a version other than Version. It never panics.
func Decode(k Kind, raw []byte) (Body, error) {
	b, err := decode(k, raw)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// decode is Decode with a concrete error type, so that a nil error stays nil.
func decode(k Kind, raw []byte) (Body, *RuleError) {
	mk, ok := newBody[k]
	if !ok {
		return nil, ruleErr(CodeUnknownKind, "%q is not a dossier event kind", string(k)).with("kind", string(k))
	}
	b := mk()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(b); err != nil {
		return nil, ruleErr(CodeBadBody, "the %s body is not valid: %v", k, err).with("kind", string(k))
	}
	if dec.More() {
		return nil, ruleErr(CodeBadBody, "the %s body has data after its JSON object", k).with("kind", string(k))
	}
	if v := b.header().V; v != Version {
		return nil, ruleErr(CodeUnsupportedVersion, "the %s body is version %d; this node reads version %d", k, v, Version).
			with("kind", string(k)).with("version", fmt.Sprint(v))
	}
	return b, nil
}
