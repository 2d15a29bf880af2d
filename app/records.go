package app

import (
	"errors"

	"hoso/store"
)

// Records gives access to the raw event log: the full, signed history of
// one record, for audits and inspectors.
type Records struct {
	core *Core
	// reports checks printed reports; set by NewServices.
	reports *Reports
	// iso checks printed yearly ISO reports; set by NewServices.
	iso *Iso
}

// NewRecords returns the Records service.
func NewRecords(core *Core) *Records { return &Records{core: core} }

// SubjectRequest names one record, such as "dossier/38001-261127-0001".
type SubjectRequest struct {
	Subject string `json:"subject"`
}

// History returns every event of a subject in fold order, each signature
// verified, with its canonical encoding so the export can be checked again.
func (r *Records) History(req SubjectRequest) (store.SubjectHistory, error) {
	if req.Subject == "" {
		return store.SubjectHistory{}, FieldError("subject", "subject is required")
	}
	d, err := r.core.Deps()
	if err != nil {
		return store.SubjectHistory{}, err
	}
	h, err := d.Store.History(req.Subject)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return h, Errorf(CodeNotFound, "no record %q here", req.Subject)
	case errors.Is(err, store.ErrTampered):
		return h, Wrap(CodeTampered, err, "a stored event of this record was altered")
	case err != nil:
		return h, Wrap(CodeInternal, err, "reading the history")
	}
	return h, nil
}
