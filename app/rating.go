package app

import (
	"context"

	"hoso/dossier"
	"hoso/store"
)

const (
	settingsPrefix  = "setting/"
	kindScaleSet    = "setting.rating_scale"
	ratingScaleSubj = settingsPrefix + "rating_scale"
)

// scaleRecord is the configured satisfaction scale, folded from its events.
type scaleRecord struct {
	Scale   dossier.Scale `json:"scale"`
	Version int           `json:"version"`
}

var scaleProjection = jsonProjection[scaleRecord]{
	name:   "scale",
	prefix: ratingScaleSubj,
	apply: func(s *scaleRecord, e *store.Event) {
		var sc dossier.Scale
		if e.Kind == kindScaleSet && decodeBody(e, &sc) && sc.Validate() == nil {
			s.Scale, s.Version = sc, s.Version+1
		}
	},
}

// ratingScale returns the configured satisfaction scale, or the default
// (Rất hài lòng / Hài lòng / Không hài lòng).
func ratingScale(st *store.Store) (dossier.Scale, error) {
	var r scaleRecord
	ok, err := readState(st, scaleProjection.name, ratingScaleSubj, &r)
	if err != nil {
		return nil, err
	}
	if !ok || len(r.Scale) == 0 {
		return dossier.DefaultScale(), nil
	}
	return r.Scale, nil
}

// ScaleReply is the satisfaction scale the desk offers.
type ScaleReply struct {
	Scale dossier.Scale `json:"scale"`
}

// RatingScale returns the satisfaction scale citizens rate on.
func (s *Dossiers) RatingScale() (ScaleReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ScaleReply{}, err
	}
	sc, err := ratingScale(d.Store)
	return ScaleReply{Scale: sc}, err
}

// SetRatingScale records a new satisfaction scale (synced like any record);
// ratings already given keep their values.
func (s *Dossiers) SetRatingScale(ctx context.Context, req ScaleReply) (ScaleReply, error) {
	if err := req.Scale.Validate(); err != nil {
		return ScaleReply{}, &Error{Code: CodeInvalidInput, Field: "scale", Message: err.Error(), Err: err}
	}
	d, err := s.core.Deps()
	if err != nil {
		return ScaleReply{}, err
	}
	c := CallerFrom(ctx)
	draft := store.Draft{Actor: c.Actor(), Owner: callerOffice(d.Store, c), Kind: kindScaleSet, Subject: ratingScaleSubj, Body: mustJSON(req.Scale)}
	if _, err := d.Store.Append(draft); err != nil {
		return ScaleReply{}, appendErr(err, "saving the scale")
	}
	return s.RatingScale()
}
