//! `revpulse ask` and `revpulse chat`: questions answered with the steps streamed as they
//! happen, then the answer with its sources and follow-ups.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use revpulse_agents::{Answer, AnswerEvent, Conversation, EventSink, StepKind, TraceStep};

use super::agent_env::AgentEnv;
use crate::cli::{AskArgs, ChatArgs};

/// Runs `revpulse ask`.
pub async fn run_ask(home: &Path, args: AskArgs) -> anyhow::Result<()> {
    let env = AgentEnv::open(home, &args.agent.stores).await?;
    let (ctx, user) = env.context_for(args.agent.as_user.as_deref())?;
    eprintln!(
        "· asking as {} ({}), today {}",
        user.name,
        user.role.as_str(),
        env.today
    );
    let mut conversation = Conversation::new();
    let answer = ask_one(&env, &ctx, &mut conversation, &args.question, args.json).await;
    env.db.close().await?;
    let answer = answer?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&answer).context("serialising the answer")?
        );
    }
    Ok(())
}

/// Runs `revpulse chat`: one conversation, a question per line, until end of input or `exit`.
pub async fn run_chat(home: &Path, args: ChatArgs) -> anyhow::Result<()> {
    let env = AgentEnv::open(home, &args.agent.stores).await?;
    let (ctx, user) = env.context_for(args.agent.as_user.as_deref())?;
    println!(
        "RevPulse chat as {} ({}). Ask a revenue question; follow-ups like \"and in EMEA?\" \
         keep the context. Type exit to leave.",
        user.name,
        user.role.as_str()
    );
    let mut conversation = Conversation::new();
    let stdin = std::io::stdin();
    loop {
        print!("\n> ");
        std::io::stdout().flush().context("writing the prompt")?;
        let mut line = String::new();
        if stdin
            .lock()
            .read_line(&mut line)
            .context("reading a question")?
            == 0
        {
            break;
        }
        let question = line.trim();
        if question.is_empty() {
            continue;
        }
        if matches!(question, "exit" | "quit") {
            break;
        }
        if let Err(e) = ask_one(&env, &ctx, &mut conversation, question, false).await {
            eprintln!("error: {e:#}");
        }
    }
    env.db.close().await
}

async fn ask_one(
    env: &AgentEnv,
    ctx: &revpulse_tools::ToolContext,
    conversation: &mut Conversation,
    question: &str,
    quiet: bool,
) -> anyhow::Result<Answer> {
    let (events, mut receiver) = EventSink::channel();
    let printer = tokio::spawn(async move {
        while let Some(event) = receiver.recv().await {
            if quiet {
                continue;
            }
            match event {
                AnswerEvent::Step(step) => eprintln!("  {}", step_line(&step)),
                AnswerEvent::Text(_) => {}
                AnswerEvent::Done(answer) => println!("\n{}", answer.to_markdown()),
            }
        }
    });
    let answer = env
        .coordinator
        .ask(ctx, conversation, question, &events)
        .await
        .map_err(|e| anyhow::anyhow!("{} ({e})", e.user_message()));
    drop(events);
    printer.await.context("printing the answer")?;
    let answer = answer?;
    if !quiet {
        eprintln!("  answered in {:.0} ms", answer.trace.total_ms);
    }
    Ok(answer)
}

/// A step as one progress line.
fn step_line(step: &TraceStep) -> String {
    let who = step.agent.title();
    match &step.kind {
        StepKind::Route { intent, score } => {
            format!("· {who}: routed to {intent} (similarity {score:.2})")
        }
        StepKind::Resolve { slots } if slots.is_empty() => {
            format!("· {who}: no names or periods in the question")
        }
        StepKind::Resolve { slots } => format!("· {who}: {}", slots.join("; ")),
        StepKind::ToolCall {
            tool,
            args,
            sources,
            error,
        } => match error {
            None => format!(
                "· {who}: {tool}({args}) → {sources} sources, {:.0} ms",
                step.elapsed_ms
            ),
            Some(e) => format!("· {who}: {tool}({args}) failed: {e}"),
        },
        StepKind::Consult { agent } => format!("· {who}: asked the {}", agent.title()),
        StepKind::Completion {
            input_tokens,
            output_tokens,
        } => {
            format!("· {who}: model completion ({input_tokens} in / {output_tokens} out tokens)")
        }
        StepKind::Narrate => format!("· {who}: wrote the answer"),
        StepKind::Guardrail { rule, detail } => format!("· guardrail {rule}: {detail}"),
    }
}
