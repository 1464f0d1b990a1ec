//! The JSON Schema (draft 2020-12) of a workload, derived from the pack's fields.

use serde_json::{json, Map, Value};

use super::{FieldKind, Pack};
use crate::workload::MAX_WEIGHT;

impl Pack {
    /// The JSON Schema a workload document must satisfy. Every property is
    /// optional: a missing field means "unknown", and so does `null` (the
    /// reader accepts it, so the schema does too).
    pub fn workload_schema(&self) -> Value {
        let mut properties = Map::new();
        for field in &self.fields {
            let description = if field.help.is_empty() {
                field.question.clone()
            } else {
                format!("{} {}", field.question, field.help)
            };
            let mut schema = match &field.kind {
                FieldKind::Choice(options) => json!({
                    "type": ["string", "null"],
                    "enum": options.iter().map(|o| Value::from(o.id.as_str())).chain([Value::Null]).collect::<Vec<_>>(),
                    "x-labels": options.iter().map(|o| (o.id.clone(), Value::from(o.label.clone()))).collect::<Map<_, _>>(),
                }),
                FieldKind::Bool => json!({ "type": ["boolean", "null"] }),
                FieldKind::Number(spec) => {
                    let mut s = json!({ "type": ["number", "null"], "maximum": crate::number::to_json(spec.max) });
                    let key = if spec.min_exclusive {
                        "exclusiveMinimum"
                    } else {
                        "minimum"
                    };
                    s[key] = crate::number::to_json(spec.min);
                    if !spec.unit.is_empty() {
                        s["x-unit"] = spec.unit.clone().into();
                    }
                    s
                }
            };
            schema["title"] = field.question.clone().into();
            schema["description"] = description.into();
            schema["x-axis"] = self.axes[field.axis].id.clone().into();
            properties.insert(field.id.clone(), schema);
        }
        let axes: Map<String, Value> = self
            .axes
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    json!({
                        "type": ["number", "null"],
                        "minimum": 0,
                        "maximum": crate::number::to_json(MAX_WEIGHT),
                        "description": format!("Weight of the {} axis (default {}).", a.title, crate::number::format(a.weight)),
                    }),
                )
            })
            .collect();
        properties.insert(
            "priorities".into(),
            json!({
                "type": ["object", "null"],
                "description": "Axis weights; an axis left out (or null) keeps its default.",
                "properties": axes,
                "additionalProperties": false,
            }),
        );
        properties.insert(
            crate::workload::SCHEMA_KEY.into(),
            json!({
                "type": "string",
                "description": "The schema this document follows, for editors (the file `dbadvisor schema` writes); not an answer.",
            }),
        );
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": format!("dbadvisor workload ({} {})", self.name, self.version),
            "description": "A workload to evaluate. Every field is optional: a missing field is unknown, and so is a field set to null.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}
