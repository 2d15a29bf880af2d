package print

import (
	"errors"
	"io"
	"time"

	"hoso/dossier"
)

// The errors returned when a dossier lacks what a form prints.
var (
	// ErrNoSupplement is returned by Supplement for a dossier without a
	// supplement request.
	ErrNoSupplement = errors.New("print: the dossier has no supplement request")
	// ErrNotRefused is returned by Refusal for a dossier that was not
	// refused.
	ErrNotRefused = errors.New("print: the dossier was not refused")
	// ErrNotRescheduled is returned by Apology for a dossier whose due date
	// was not moved.
	ErrNotRescheduled = errors.New("print: the dossier was not rescheduled")
	// ErrNotStopped is returned for the stop notice of a dossier whose
	// processing was not stopped.
	ErrNotStopped = errors.New("print: the dossier's processing was not stopped")
)

// Supplement writes the request to supplement and complete the dossier
// (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, Form 02) for the latest
// supplement request of d.Dossier; it is Render with DocSupplement.
func (r *Renderer) Supplement(w io.Writer, d Doc) error {
	return r.Render(w, DocSupplement, d)
}

// Refusal writes the refusal of d.Dossier: the desk's refusal (Form 03)
// for a dossier not accepted, the competent agency's notice for one
// refused after appraisal. It is Render with DocRefusal or
// DocRefusalNotice, chosen by the dossier's result; ErrNotRefused when it
// was neither.
func (r *Renderer) Refusal(w io.Writer, d Doc) error {
	if res := d.Dossier.Result; res != nil && res.Kind == dossier.ResultRefused {
		return r.Render(w, DocRefusalNotice, d)
	}
	return r.Render(w, DocRefusal, d)
}

// reschedule returns the latest reschedule of ds and the due date it
// replaced: the due date before it in the history, or OriginalDue.
func reschedule(ds dossier.Dossier) (moved dossier.Deadline, before time.Time, ok bool) {
	for i := len(ds.Deadlines) - 1; i >= 0; i-- {
		if ds.Deadlines[i].Reason != dossier.DeadlineReschedule {
			continue
		}
		before = ds.OriginalDue
		if i > 0 {
			before = ds.Deadlines[i-1].Due
		}
		return ds.Deadlines[i], before, true
	}
	return dossier.Deadline{}, time.Time{}, false
}

// Apology writes the apology and new date (Form 04) for the latest
// reschedule of d.Dossier; it is Render with DocApology.
func (r *Renderer) Apology(w io.Writer, d Doc) error {
	return r.Render(w, DocApology, d)
}

// Stop writes the notice of stopped processing (Form 05 of 2025) for
// d.Dossier; it is Render with DocStop.
func (r *Renderer) Stop(w io.Writer, d Doc) error {
	return r.Render(w, DocStop, d)
}
