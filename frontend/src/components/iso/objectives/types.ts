// The quality system's types as Go declares them (app/iso_objectives.go,
// app/iso_review.go, package iso), from the generated seam: the ISO tabs
// of part C import them from here rather than widening lib/api.ts, which
// other parts share.
import type * as gen from '../../../lib/api.gen';

export type Comparison = gen.Comparison;
export type DrillReply = gen.DrillReply;
export type FormReply = gen.FormReply;
export type IsoStatus = gen.IsoStatus;
export type Metric = gen.Metric;
export type MetricDef = gen.MetricDef;
export type ObjectiveKind = gen.ObjectiveKind;
export type ObjectiveMonth = gen.ObjectiveMonth;
export type ObjectiveResult = gen.ObjectiveResult;
export type ObjectivesReply = gen.ObjectivesReply;
export type Policy = gen.Policy;
export type Review = gen.Review;
export type ReviewAction = gen.ReviewAction;
export type ReviewInputs = gen.ReviewInputs;
export type ReviewItem = gen.ReviewItem;
export type Unit = gen.Unit;
