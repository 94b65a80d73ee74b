//! `nanp jurisdiction`: the jurisdiction of a call and the rule that
//! decided it.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use nanp_lerg::exchange::Exchanges;
use nanp_lerg::rating::{Jurisdiction, JurisdictionPolicy};

use crate::error::CliError;
use crate::{Context, Format};

/// The jurisdiction rules' options, shared by the commands that decide.
#[derive(Args)]
pub struct PolicyArgs {
    /// The jurisdiction of a call from a Canadian number.
    #[arg(long, value_name = "J", default_value = "interstate")]
    canadian_ani: Jurisdiction,
    /// The jurisdiction of a call from a US territory (PR, VI, GU, MP, AS).
    #[arg(long, value_name = "J", default_value = "indeterminate")]
    territory_ani: Jurisdiction,
    /// With --exchanges: a calling NPA-NXX the files hold but not in
    /// service makes the call indeterminate.
    #[arg(long)]
    ani_not_in_service_indeterminate: bool,
    /// With --exchanges: each end's state is its exchange's, where the
    /// files know it, rather than its NPA's.
    #[arg(long)]
    state_from_exchange: bool,
}

impl PolicyArgs {
    /// The policy these options ask for, over `ctx`'s directory and
    /// `exchanges`.
    pub fn policy<'a>(
        &self,
        ctx: &'a Context,
        exchanges: Option<&'a Exchanges>,
    ) -> Result<JurisdictionPolicy<'a>, CliError> {
        let needs_exchanges = self.ani_not_in_service_indeterminate || self.state_from_exchange;
        if needs_exchanges && exchanges.is_none() {
            return Err(CliError::Usage(
                "--ani-not-in-service-indeterminate and --state-from-exchange need --exchanges FILE"
                    .into(),
            ));
        }
        let mut policy = JurisdictionPolicy::new()
            .directory(&ctx.dir)
            .canadian_ani(self.canadian_ani)
            .territory_ani(self.territory_ani)
            .not_in_service_indeterminate(self.ani_not_in_service_indeterminate)
            .state_from_exchange(self.state_from_exchange);
        if let Some(exchanges) = exchanges {
            policy = policy.exchanges(exchanges);
        }
        Ok(policy)
    }
}

/// Options of `nanp jurisdiction`.
///
/// Prints the jurisdiction of a call from ANI to DIALED (any dial-string
/// form; an empty or `anonymous` ANI is withheld) and the rule that
/// decided it.
#[derive(Args)]
pub struct JurisdictionArgs {
    /// The calling number.
    ani: String,
    /// The dialed number.
    dialed: String,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format: a line for people, or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn jurisdiction(
    ctx: &Context,
    args: JurisdictionArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let exchanges = ctx.exchanges()?;
    let policy = args.policy.policy(ctx, exchanges.as_ref())?;
    let d = policy.decide(&args.ani, &args.dialed);
    match args.format {
        Format::Json => {
            let v = json!({
                "ani": args.ani,
                "dialed": args.dialed,
                "jurisdiction": d.jurisdiction,
                "rule": d.rule,
                "reason": d.rule.reason(),
                "ani_state": d.ani_state,
                "dialed_state": d.dialed_state,
            });
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "jurisdiction,rule,ani_state,dialed_state")?;
            writeln!(
                out,
                "{},{},{},{}",
                d.jurisdiction,
                d.rule,
                d.ani_state.unwrap_or(""),
                d.dialed_state.unwrap_or("")
            )?;
        }
        Format::Table => writeln!(out, "{d} [{}]", d.rule)?,
    }
    Ok(ExitCode::SUCCESS)
}
