package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/print"
	"hoso/store"
)

// verifyPrefix starts the text of every printed QR code:
//
//	HSVF1|<office>|<subject>|<number of events>|<hash>
//
// the office, the record, how many of its events the document was printed
// from, and the first 128 bits (hex) of SHA-256 over their IDs in fold
// order. Records.Verify checks it against this node's records.
const verifyPrefix = "HSVF1"

// Print renders the legal forms as PDF.
type Print struct {
	core *Core
	now  func() time.Time

	once     sync.Once
	renderer *print.Renderer
	err      error
}

// NewPrint returns the Print service; the fonts are read on first use.
func NewPrint(core *Core, now func() time.Time) *Print {
	if now == nil {
		now = time.Now
	}
	return &Print{core: core, now: now}
}

// FormRequest names a form and the dossier it is printed for.
type FormRequest struct {
	Form string `json:"form"`
	Code string `json:"code"`
}

// FormReply is a printed form, base64-encoded.
type FormReply struct {
	Filename string `json:"filename"`
	Mime     string `json:"mime"`
	Content  string `json:"content"`
	// Reprint counts the earlier prints of this form on this node.
	Reprint int `json:"reprint"`
	// Verify is the text of the document's QR code.
	Verify string `json:"verify"`
}

// eventsHash is the hash of the first n events of a subject in fold order:
// what a printed document was made from, so an inspector can check it
// still matches the records.
func eventsHash(evs []*store.Event, n int) string {
	h := sha256.New()
	for _, e := range evs[:n] {
		id := e.ID()
		h.Write(id[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// forms are the printable forms of Circular 01/2018, by number.
var forms = map[string]struct {
	slug   string
	render func(*print.Renderer, io.Writer, print.Doc) error
}{
	"01": {"tiep-nhan", (*print.Renderer).Receipt},
	"02": {"bo-sung", (*print.Renderer).Supplement},
	"03": {"tu-choi", (*print.Renderer).Refusal},
	"04": {"xin-loi", (*print.Renderer).Apology},
}

// Form renders one form of a dossier: 01 receipt and appointment, 02
// request to supplement, 03 refusal, 04 apology and new date.
func (p *Print) Form(ctx context.Context, req FormRequest) (FormReply, error) {
	form, ok := forms[req.Form]
	if !ok {
		return FormReply{}, FieldError("form", "form %q cannot be printed; 01 to 04 can", req.Form)
	}
	d, err := p.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	ds, err := getDossier(d.Store, strings.TrimSpace(req.Code))
	if err != nil {
		return FormReply{}, err
	}
	p.once.Do(func() { p.renderer, p.err = print.NewRenderer() })
	if p.err != nil {
		return FormReply{}, Wrap(CodeInternal, p.err, "loading the fonts")
	}
	office := print.Office{Name: ds.Office}
	if o, err := getOffice(d.Store, ds.Office); err == nil {
		office.Name = o.Name
		if o.Parent != "" {
			if parent, err := getOffice(d.Store, o.Parent); err == nil {
				office.ParentName = parent.Name
			}
		}
	}
	subject := dossierPrefix + ds.Code
	evs, err := d.Store.Events(subject)
	if err != nil {
		return FormReply{}, Wrap(CodeTampered, err, "the dossier's records do not verify")
	}
	counter := "print.count/" + req.Form + "/" + ds.Code
	reprint := 0
	if b, err := d.Store.Local(counter); err == nil {
		reprint, _ = strconv.Atoi(string(b))
	}
	verify := strings.Join([]string{verifyPrefix, ds.Office, subject, strconv.Itoa(len(evs)), eventsHash(evs, len(evs))}, "|")
	var buf bytes.Buffer
	err = form.render(p.renderer, &buf, print.Doc{Office: office, Dossier: ds, PrintedAt: p.now(), Reprint: reprint, Verify: verify})
	switch {
	case errors.Is(err, print.ErrNoSupplement), errors.Is(err, print.ErrNotRefused), errors.Is(err, print.ErrNotRescheduled):
		return FormReply{}, &Error{Code: CodeNotFound, Field: "form", Message: "this dossier has nothing to print on form " + req.Form, Err: err}
	case err != nil:
		return FormReply{}, Wrap(CodeInternal, err, "rendering form "+req.Form)
	}
	if err := d.Store.SetLocal(counter, []byte(strconv.Itoa(reprint+1))); err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "counting the print")
	}
	return FormReply{
		Filename: fmt.Sprintf("mau-%s-%s-%s.pdf", req.Form, form.slug, ds.Code), Mime: "application/pdf",
		Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Reprint: reprint, Verify: verify,
	}, nil
}
