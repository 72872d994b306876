//! Leads: requests not yet qualified. A lead converts into a contact, a
//! company (when it names one) and a deal, which then carry the work.

use serde::{Deserialize, Serialize};

use crate::activity::Activity;
use crate::client::{check_user, Client, ClientStatus};
use crate::code::codes;
use crate::company::Company;
use crate::contact::Contact;
use crate::contact_point::{check_point, is_valid_email, is_valid_phone, ContactPoint, PointKind};
use crate::deal::Deal;
use crate::history::{ActivityEvent, Change, Diff};
use crate::pipeline::Pipeline;
use crate::record::{CardKind, CardRef, Stamp};
use crate::timeline::Edit;
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    #[default]
    New,
    InWork,
    Converted,
    Junk,
}

codes!(LeadStatus { New => "new", InWork => "in_work", Converted => "converted", Junk => "junk" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    pub contact: Id,
    pub company: Option<Id>,
    pub deal: Id,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub company_title: String,
    #[serde(default)]
    pub phones: Vec<ContactPoint>,
    #[serde(default)]
    pub emails: Vec<ContactPoint>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub status: LeadStatus,
    pub responsible: Id,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub next_activity: Option<Timestamp>,
    #[serde(default)]
    pub converted: Option<Conversion>,
    /// Custom field values (see [`crate::fields`]).
    #[serde(default)]
    pub fields: crate::fields::Values,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadDraft {
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub company_title: String,
    pub phone: String,
    pub email: String,
    pub source: String,
    pub responsible: String,
    pub comments: String,
}

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 200 };
const NAME: TextRule = TextRule { field: "first_name", required: false, max_chars: 100 };
const LAST: TextRule = TextRule { field: "last_name", required: false, max_chars: 100 };
const COMPANY: TextRule = TextRule { field: "company_title", required: false, max_chars: 200 };
const SOURCE: TextRule = TextRule { field: "source", required: false, max_chars: 100 };
const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

#[derive(Debug, Clone, PartialEq)]
pub struct ValidLead(Lead);

impl LeadDraft {
    pub fn from_lead(lead: &Lead) -> Self {
        let first = |points: &[ContactPoint]| points.first().map(|p| p.value.clone()).unwrap_or_default();
        Self {
            title: lead.title.clone(),
            first_name: lead.first_name.clone(),
            last_name: lead.last_name.clone(),
            company_title: lead.company_title.clone(),
            phone: first(&lead.phones),
            email: first(&lead.emails),
            source: lead.source.clone(),
            responsible: lead.responsible.to_string(),
            comments: lead.comments.clone(),
        }
    }

    /// Validates into a lead with placeholder identity; [`Lead::create`]
    /// and [`Lead::apply`] fill in the rest.
    pub fn validate(&self, known_users: &[Id]) -> Result<ValidLead, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        let first_name = check_text(&mut errors, NAME, &self.first_name);
        let last_name = check_text(&mut errors, LAST, &self.last_name);
        let company_title = check_text(&mut errors, COMPANY, &self.company_title);
        let phones = check_point(
            &mut errors,
            "phone",
            PointKind::Work,
            &self.phone,
            is_valid_phone,
            Problem::InvalidPhone,
        );
        let emails = check_point(
            &mut errors,
            "email",
            PointKind::Work,
            &self.email,
            is_valid_email,
            Problem::InvalidEmail,
        );
        let source = check_text(&mut errors, SOURCE, &self.source);
        let responsible = check_user(&mut errors, "responsible", &self.responsible, known_users);
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        let Some(responsible) = responsible.filter(|_| errors.is_empty()) else { return Err(errors) };
        let placeholder = Id::from_static("-");
        Ok(ValidLead(Lead {
            id: placeholder.clone(),
            title,
            first_name,
            last_name,
            company_title,
            phones: phones.into_iter().collect(),
            emails: emails.into_iter().collect(),
            source,
            status: LeadStatus::New,
            responsible,
            comments,
            next_activity: None,
            converted: None,
            stamp: Stamp::new(&placeholder, Timestamp(0)),
            fields: Default::default(),
        }))
    }
}

/// Why a conversion was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvertError {
    AlreadyConverted,
    Junk,
    NoStages,
}

/// The ids the caller chose for the cards a conversion creates.
pub struct ConversionIds {
    pub contact: Id,
    pub company: Id,
    pub deal: Id,
}

/// What a conversion creates and changes, written together with the
/// converted lead.
pub struct Converted {
    pub contact: Contact,
    pub company: Option<Company>,
    pub deal: Deal,
    /// The lead's open activities leave it for the deal, where the work goes
    /// on; completed ones stay on the lead as its record.
    pub edits: Vec<Edit>,
    /// The lead's new status, each card created, and each activity that
    /// arrived on the deal.
    pub history: Vec<(CardRef, Change)>,
}

impl Converted {
    /// Gives the new cards the lead's custom values that have a field of
    /// the same name and kind on them (see [`crate::fields::carry`]).
    pub fn carry_fields(&mut self, lead: &crate::fields::Values, defs: &[crate::fields::FieldDef]) {
        use crate::fields::{carry, FieldEntity};
        self.deal.fields = carry(lead, FieldEntity::Lead, FieldEntity::Deal, defs);
        self.contact.fields = carry(lead, FieldEntity::Lead, FieldEntity::Contact, defs);
        if let Some(company) = &mut self.company {
            company.fields = carry(lead, FieldEntity::Lead, FieldEntity::Company, defs);
        }
    }
}

impl Lead {
    pub fn create(id: Id, valid: ValidLead, actor: &Id, now: Timestamp) -> Self {
        Self { id, stamp: Stamp::new(actor, now), ..valid.0 }
    }

    pub fn apply(&mut self, valid: ValidLead, actor: &Id, now: Timestamp) -> Option<Change> {
        let new = valid.0;
        let first = |points: &[ContactPoint]| points.first().map(|p| p.value.clone()).unwrap_or_default();
        let change = Diff::default()
            .field("title", &self.title, &new.title)
            .field("first_name", &self.first_name, &new.first_name)
            .field("last_name", &self.last_name, &new.last_name)
            .field("company_title", &self.company_title, &new.company_title)
            .field("phones", first(&self.phones), first(&new.phones))
            .field("emails", first(&self.emails), first(&new.emails))
            .field("source", &self.source, &new.source)
            .field("responsible", &self.responsible, &new.responsible)
            .field("comments", &self.comments, &new.comments)
            .into_change()?;
        *self = Lead {
            id: self.id.clone(),
            status: self.status,
            next_activity: self.next_activity,
            converted: self.converted.clone(),
            stamp: self.stamp.clone(),
            fields: std::mem::take(&mut self.fields),
            ..new
        };
        self.stamp.touch(actor, now);
        Some(change)
    }

    /// Converts into a contact, a company (when the lead names one) and a
    /// deal at the pipeline's first stage, all with the lead's responsible.
    /// `activities` are the lead's: its open ones move to the deal, so the
    /// lead has no next activity left.
    pub fn convert(
        &mut self,
        ids: ConversionIds,
        pipeline: &Pipeline,
        activities: &[Activity],
        actor: &Id,
        now: Timestamp,
    ) -> Result<Converted, ConvertError> {
        match self.status {
            LeadStatus::Converted => return Err(ConvertError::AlreadyConverted),
            LeadStatus::Junk => return Err(ConvertError::Junk),
            LeadStatus::New | LeadStatus::InWork => {}
        }
        let first_stage = pipeline.first_stage().ok_or(ConvertError::NoStages)?;
        let client = Client {
            phones: self.phones.clone(),
            emails: self.emails.clone(),
            messengers: Vec::new(),
            responsible: Some(self.responsible.clone()),
            status: ClientStatus::Active,
            status_since: Some(now),
            previous_responsible: None,
            lost_reason: String::new(),
        };
        let company = (!self.company_title.is_empty()).then(|| Company {
            id: ids.company.clone(),
            title: self.company_title.clone(),
            client: Client { phones: Vec::new(), emails: Vec::new(), ..client.clone() },
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        });
        let (first_name, last_name) = if self.first_name.is_empty() && self.last_name.is_empty() {
            (self.title.clone(), String::new())
        } else {
            (self.first_name.clone(), self.last_name.clone())
        };
        let contact = Contact {
            id: ids.contact.clone(),
            first_name,
            last_name,
            position: String::new(),
            companies: company.iter().map(|c| c.id.clone()).collect(),
            client,
            comments: self.comments.clone(),
            next_activity: None,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        };
        let deal = Deal {
            id: ids.deal.clone(),
            title: self.title.clone(),
            pipeline: pipeline.id.clone(),
            stage: first_stage.id.clone(),
            semantic: first_stage.semantic,
            company: company.as_ref().map(|c| c.id.clone()),
            contacts: vec![contact.id.clone()],
            amount: None,
            responsible: self.responsible.clone(),
            comments: String::new(),
            next_activity: None,
            stage_since: now,
            closed_at: None,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        };
        self.status = LeadStatus::Converted;
        self.converted = Some(Conversion {
            contact: contact.id.clone(),
            company: company.as_ref().map(|c| c.id.clone()),
            deal: deal.id.clone(),
            at: now,
        });
        self.next_activity = None;
        self.stamp.touch(actor, now);

        let status = Diff::default().field("status", "open", "converted").into_change();
        let mut history: Vec<(CardRef, Change)> =
            status.map(|change| (self.card(), change)).into_iter().collect();
        history.push((contact.card(), Change::Created));
        history.extend(company.as_ref().map(|company| (company.card(), Change::Created)));
        history.push((deal.card(), Change::Created));
        let mut edits = Vec::new();
        let lead = self.card();
        for activity in activities.iter().filter(|activity| activity.is_open() && activity.owner == lead) {
            let mut moved = activity.clone();
            moved.move_to(deal.card(), actor, now);
            let here = Change::Activity {
                event: ActivityEvent::MovedHere,
                subject: activity.subject.clone(),
                detail: String::new(),
            };
            history.push((deal.card(), here));
            edits.push(Edit::Remove { owner: activity.owner.clone(), id: activity.id.clone() });
            edits.push(Edit::Put(moved));
        }
        Ok(Converted { contact, company, deal, edits, history })
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, LeadStatus::New | LeadStatus::InWork)
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Lead, id: self.id.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn lead(company: &str) -> Lead {
        let draft = LeadDraft {
            title: "Wants 3 seats".into(),
            first_name: "Oleg".into(),
            company_title: company.into(),
            phone: "+7 900 000 00 00".into(),
            responsible: "u1".into(),
            ..LeadDraft::default()
        };
        Lead::create(id("l1"), draft.validate(&[id("u1")]).unwrap(), &id("u1"), Timestamp(1))
    }

    fn ids() -> ConversionIds {
        ConversionIds { contact: id("c1"), company: id("co1"), deal: id("d1") }
    }

    #[test]
    fn a_lead_converts_into_contact_company_and_deal() {
        let pipeline = Pipeline::default_with("Sales".into(), |s| format!("{s:?}"));
        let mut lead = lead("Acme");
        let converted = lead.convert(ids(), &pipeline, &[], &id("u1"), Timestamp(9)).unwrap();
        let company = converted.company.expect("a company was named");
        assert_eq!(company.title, "Acme");
        assert_eq!(converted.contact.companies, vec![company.id.clone()]);
        assert_eq!(converted.contact.client.phones.len(), 1);
        assert_eq!(converted.deal.stage.as_str(), "new");
        assert_eq!(converted.deal.contacts, vec![id("c1")]);
        assert_eq!(converted.deal.company, Some(id("co1")));
        assert_eq!(lead.status, LeadStatus::Converted);
        assert_eq!(
            lead.convert(ids(), &pipeline, &[], &id("u1"), Timestamp(10)).err(),
            Some(ConvertError::AlreadyConverted)
        );
    }

    #[test]
    fn converting_moves_the_open_activities_to_the_deal_and_says_so() {
        use crate::activity::{ActivityDraft, ActivityKind, Direction, Priority};

        let pipeline = Pipeline::default_with("Sales".into(), |s| format!("{s:?}"));
        let mut lead = lead("Acme");
        lead.next_activity = Some(Timestamp(50));
        let activity = |name: &str| {
            let draft = ActivityDraft {
                kind: ActivityKind::Call,
                direction: Direction::Outgoing,
                subject: name.into(),
                description: String::new(),
                deadline: Some(Timestamp(50)),
                responsible: "u1".into(),
                priority: Priority::Normal,
            };
            let valid = draft.validate(&[id("u1")]).unwrap();
            Activity::create(id(name), lead.card(), valid, &id("u1"), Timestamp(2))
        };
        let mut done = activity("done");
        done.complete("talked", &id("u1"), Timestamp(3)).unwrap();
        let open = activity("open");
        let converted =
            lead.convert(ids(), &pipeline, &[open.clone(), done], &id("u1"), Timestamp(9)).unwrap();

        let deal = converted.deal.card();
        let moved = Activity {
            owner: deal.clone(),
            stamp: Stamp { updated_at: Timestamp(9), ..open.stamp.clone() },
            ..open
        };
        assert_eq!(
            converted.edits,
            [Edit::Remove { owner: lead.card(), id: id("open") }, Edit::Put(moved)],
            "the completed one stays on the lead"
        );
        assert_eq!(lead.next_activity, None);
        let history: Vec<(CardKind, &Change)> =
            converted.history.iter().map(|(card, change)| (card.kind, change)).collect();
        let status = Diff::default().field("status", "open", "converted").into_change().unwrap();
        let arrived = Change::Activity {
            event: ActivityEvent::MovedHere,
            subject: "open".into(),
            detail: String::new(),
        };
        assert_eq!(
            history,
            [
                (CardKind::Lead, &status),
                (CardKind::Contact, &Change::Created),
                (CardKind::Company, &Change::Created),
                (CardKind::Deal, &Change::Created),
                (CardKind::Deal, &arrived),
            ]
        );
    }

    #[test]
    fn a_lead_without_a_company_makes_no_company() {
        let pipeline = Pipeline::default_with("Sales".into(), |s| format!("{s:?}"));
        let converted = lead("").convert(ids(), &pipeline, &[], &id("u1"), Timestamp(9)).unwrap();
        assert!(converted.company.is_none());
        assert!(converted.deal.company.is_none());
    }

    #[test]
    fn a_lead_needs_a_title_and_valid_contacts() {
        let draft = LeadDraft { email: "no".into(), responsible: "u1".into(), ..LeadDraft::default() };
        let errors = draft.validate(&[id("u1")]).unwrap_err();
        assert_eq!(errors.for_field("title"), Some(Problem::Required));
        assert_eq!(errors.for_field("email"), Some(Problem::InvalidEmail));
    }
}
