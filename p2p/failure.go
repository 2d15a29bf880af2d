package p2p

import (
	"context"
	"errors"
	"net"
	"os"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// Failure is a stable code for why a sync with a peer failed, what the
// Đồng bộ screen shows (translated) in place of the Go or libp2p error,
// whose text goes to the log. The codes are an append-only list: a new code
// is added at the end of the block and to Failures, and every code has a
// text in frontend/src/locales/{vi,en}.json (sync.failure.<code>).
type Failure string

// The failure codes, in the order they were added. New codes go at the end.
const (
	// FailOther is a failure no other code names; the log says what it
	// was.
	FailOther Failure = "other"
	// FailNoAddress means no network address is known for the peer: it
	// was never seen on the network, and no hub listed it.
	FailNoAddress Failure = "no_address"
	// FailDial means no connection to the peer could be made: refused,
	// unreachable, or every address failed.
	FailDial Failure = "dial_failed"
	// FailTimeout means the peer did not answer within the deadline.
	FailTimeout Failure = "timeout"
	// FailConnectionLost means the connection dropped in the middle of a
	// sync; what was committed stays, the next sync goes on from there.
	FailConnectionLost Failure = "connection_lost"
	// FailRefusedByPeer means the peer refused this node: it does not
	// trust its certificate (not recorded there, expired, revoked) or
	// refused a batch it sent.
	FailRefusedByPeer Failure = "refused_by_peer"
	// FailUntrusted means the peer's certificate does not verify against
	// this province's root, or is not the peer's.
	FailUntrusted Failure = "untrusted"
	// FailExpired means the peer's certificate is expired or not yet
	// valid.
	FailExpired Failure = "expired"
	// FailRevoked means the peer's device is revoked.
	FailRevoked Failure = "revoked"
	// FailNotEnrolled means this node has no certificate yet: it cannot
	// sync until it is enrolled.
	FailNotEnrolled Failure = "not_enrolled"
	// FailProtocol means a malformed or unexpected message: the peer runs
	// an incompatible version, or the link corrupted the stream.
	FailProtocol Failure = "protocol"
	// FailTampered means a record from the peer failed its seal or
	// signature check; nothing of its batch was kept.
	FailTampered Failure = "tampered"
	// FailBudget means today's sync budget of the link is spent, on this
	// side or the peer's; background sync resumes tomorrow.
	FailBudget Failure = "budget_exhausted"
	// FailDialRefused means the peer's machine answered but nothing
	// listens there: the node is not running.
	FailDialRefused Failure = "dial_refused"
)

// Failures lists every failure code in the order it was added.
func Failures() []Failure {
	return []Failure{
		FailOther, FailNoAddress, FailDial, FailTimeout, FailConnectionLost,
		FailRefusedByPeer, FailUntrusted, FailExpired, FailRevoked, FailNotEnrolled,
		FailProtocol, FailTampered, FailBudget, FailDialRefused,
	}
}

// peerFailure maps a wire code the peer sent (syncproto's Code block) to the Failure this node
// shows: the peer's budget or protocol complaints are the link's, any other
// refusal is the peer refusing this node.
func peerFailure(code string) Failure {
	switch code {
	case syncproto.CodeBudget:
		return FailBudget
	case syncproto.CodeProtocol:
		return FailProtocol
	default:
		return FailRefusedByPeer
	}
}

// failureOf classifies err into a Failure; dflt is the code when nothing
// more specific is found (dial_failed where err came from dialling).
func failureOf(err error, dflt Failure) Failure {
	var r *syncproto.Refusal
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &r):
		return peerFailure(r.Fail.Code)
	case errors.Is(err, ErrNotEnrolled):
		return FailNotEnrolled
	case errors.Is(err, trust.ErrRevoked):
		return FailRevoked
	case errors.Is(err, trust.ErrExpired):
		return FailExpired
	case errors.Is(err, trust.ErrUntrusted), errors.Is(err, trust.ErrInvalid), errors.Is(err, syncproto.ErrUnknownOrigin):
		return FailUntrusted
	case errors.Is(err, store.ErrBadBatchSig), errors.Is(err, store.ErrBadSignature), errors.Is(err, store.ErrTampered):
		return FailTampered
	case errors.Is(err, ErrProtocol):
		return FailProtocol
	case errors.Is(err, swarm.ErrNoAddresses), errors.Is(err, swarm.ErrNoGoodAddresses):
		return FailNoAddress
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.Is(err, swarm.ErrDialTimeout), errors.As(err, &ne) && ne.Timeout():
		return FailTimeout
	case errors.Is(err, network.ErrReset):
		return FailConnectionLost
	case errors.Is(err, swarm.ErrDialBackoff), errors.Is(err, swarm.ErrAllDialsFailed),
		errors.Is(err, swarm.ErrGaterDisallowedConnection), isDialError(err):
		return FailDial
	}
	return dflt
}

// isDialError reports whether err is libp2p's report of a failed dial.
func isDialError(err error) bool {
	var de *swarm.DialError
	return errors.As(err, &de)
}
