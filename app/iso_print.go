package app

import (
	"bytes"
	"encoding/base64"
	"io"
	"strconv"
	"strings"

	"hoso/print"
	"hoso/store"
)

// The quality system's printed documents (a process, an audit report, the
// review minutes, the register of records, the yearly report) share their
// end: the print QR, the print log and the reply.

// subjectVerify is the print QR text of a document printed from one
// record: its office, its subject, how many events it had and their hash,
// which Records.Verify checks against the events held later.
func subjectVerify(st *store.Store, office, subject string) (string, error) {
	evs, err := st.Events(subject)
	if err != nil {
		return "", Wrap(CodeTampered, err, "the records of "+subject+" do not verify")
	}
	return strings.Join([]string{verifyPrefix, office, subject, strconv.Itoa(len(evs)), eventsHash(evs, len(evs))}, "|"), nil
}

// printLogged renders a document with the renderer, counts the print in
// the log under logKey (a reprint says so on the paper) and returns it as
// a PDF named filename. draw is given the renderer and the reprint count.
func (x *Iso) printLogged(st *store.Store, cl Caller, logKey, verify, filename string, draw func(r *print.Renderer, w io.Writer, reprint int) error) (FormReply, error) {
	r, err := x.print.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	reprint := printCount(st, logKey)
	var buf bytes.Buffer
	if err := draw(r, &buf, reprint); err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering "+filename)
	}
	if err := recordPrint(st, logKey, printEntry{At: x.now().UTC(), By: cl.Actor(), Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{Filename: filename, Mime: "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Reprint: reprint, Verify: verify}, nil
}
