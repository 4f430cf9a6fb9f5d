//! Step 1, console access: the provider's analyst is invited as a guest and holds the
//! Global Reader directory role.
//!
//! Codes: `guest-user-not-found`, `global-reader-missing`.
//! Reads: `G3` (the user by mail), `G4` (the user's directory role assignments).

use crate::assess::context::{eq, fail, Checker, Got, Principal, Problem};
use crate::assess::report::{FindingCode, ResourceKind};
use crate::assess::subject::Subject;
use crate::assess::CONSOLE;
use crate::catalog::directory_roles;
use crate::shell::object_id;
use crate::snapshot::readers::{DirectoryRoleAssignment, GraphObject};
use crate::snapshot::{RequestId as R, RequestSpec};

impl<'a> Checker<'a> {
    /// Step 1: the guest analyst and its Global Reader role.
    pub(in crate::assess) fn guest_user(&mut self) {
        let plan = self.plan;
        let Some(g) = &plan.guest_user else {
            return;
        };
        let mail = g.mail.trim().to_owned();
        let r = self.resource(ResourceKind::GuestUser, &mail, None);
        let g3 = RequestSpec::users_by_mail(&mail);
        let g3_url = g3.url.clone();
        let found = match self.get_list::<GraphObject>(g3) {
            // The user's id must be an object ID: it goes into requests and commands.
            Got::Ok(l) if !l.is_empty() => match object_id(&l[0].id) {
                Some(id) => Got::Ok(Some((l.into_iter().next().unwrap_or_default(), id))),
                None => Got::Problem(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G3,
                    url: g3_url,
                    detail: "has a user whose id is not an object ID (a GUID), at `value[0].id`"
                        .into(),
                }),
            },
            Got::Ok(_) => Got::Ok(None),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        match found {
            Got::Ok(Some((user, id))) => {
                if !user.display_name.is_empty() {
                    self.resources[r].name = Some(user.display_name.clone());
                }
                self.pass(CONSOLE, r);
                self.set_var("guestObjectId", id.clone());
                self.guest = Principal::Known(id.clone());
                let roles = match self.get_list::<DirectoryRoleAssignment>(
                    RequestSpec::directory_role_assignments(&id),
                ) {
                    Got::Ok(l) => l,
                    Got::NotFound => Vec::new(),
                    Got::Problem(p) => {
                        return self.unknown(
                            CONSOLE,
                            r,
                            true,
                            "the guest analyst's directory roles",
                            &p,
                        )
                    }
                };
                let has = roles
                    .iter()
                    .any(|a| eq(&a.role_definition_id, directory_roles::GLOBAL_READER.id));
                let f = (!has).then(|| fail(FindingCode::GlobalReaderMissing, &mail,
                    format!("The guest analyst {mail} does not have the Global Reader directory role."),
                    self.fix("guest-analyst-global-reader", &[])));
                let subject = Subject::DirectoryRole {
                    role: directory_roles::GLOBAL_READER.id,
                };
                self.outcome_about(CONSOLE, r, f, subject);
            }
            Got::Ok(None) | Got::NotFound => {
                let f = fail(FindingCode::GuestUserNotFound, &mail,
                    format!("No user with mail {mail} in the directory: the provider's analyst has not been invited (or accepted under another address)."),
                    self.fix("guest-analyst-invited", &[]));
                self.push_about(CONSOLE, r, f, Subject::GuestUser);
            }
            Got::Problem(p) => {
                self.unknown(CONSOLE, r, true, "whether the guest analyst is invited", &p);
                self.guest = Principal::Unknown(p);
            }
        }
    }
}
