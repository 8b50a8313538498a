//! Conversations and their messages, in order, per principal.

use revpulse_gateway_store::{ConversationId, MessageRole, StoreError};
use serde_json::json;

use crate::support::TestDb;

on_both_backends! {
    messages_round_trip => messages_round_trip;
    conversations_are_listed_per_principal => conversations_per_principal;
    concurrent_appends_get_distinct_positions => concurrent_appends;
    missing_conversations_are_reported => missing_conversations;
}

async fn messages_round_trip(db: &TestDb) {
    let store = &db.store;
    let conversation = store
        .create_conversation("sub-1", "graphql", "Q3 pipeline")
        .await
        .unwrap();
    assert_eq!(conversation.message_count, 0);
    assert_eq!(
        (
            conversation.principal.as_str(),
            conversation.surface.as_str()
        ),
        ("sub-1", "graphql")
    );

    let answer = json!({"sections": [{"table": [[1, 2.5, "x"]]}], "citations": ["chunk-9"], "nested": {"b": 1, "a": null}});
    let question = store
        .append_message(conversation.id, MessageRole::User, "How is Q3?", None)
        .await
        .unwrap();
    let reply = store
        .append_message(
            conversation.id,
            MessageRole::Assistant,
            "Q3 pipeline is $4.2M.",
            Some(&answer),
        )
        .await
        .unwrap();
    assert_eq!((question.position, reply.position), (1, 2));
    assert_eq!(reply.answer_json.as_ref(), Some(&answer));

    let messages = store.messages(conversation.id).await.unwrap();
    assert_eq!(messages, vec![question.clone(), reply.clone()]);
    assert_eq!(messages[0].role, MessageRole::User);
    assert_eq!(messages[1].answer_json, Some(answer));

    let reread = store.conversation(conversation.id).await.unwrap();
    assert_eq!(reread.message_count, 2);
    assert_eq!(reread.updated_at, reply.created_at);
    assert_eq!(reread.created_at, conversation.created_at);
}

async fn conversations_per_principal(db: &TestDb) {
    let store = &db.store;
    let mut mine = Vec::new();
    for title in ["first", "second", "third"] {
        mine.push(
            store
                .create_conversation("sub-1", "slack", title)
                .await
                .unwrap(),
        );
    }
    store
        .create_conversation("sub-2", "slack", "theirs")
        .await
        .unwrap();
    // Activity moves the first conversation to the front.
    store
        .append_message(mine[0].id, MessageRole::User, "again", None)
        .await
        .unwrap();

    let listed = store.conversations_of("sub-1", 10).await.unwrap();
    let titles: Vec<&str> = listed
        .iter()
        .map(|conversation| conversation.title.as_str())
        .collect();
    assert_eq!(titles, ["first", "third", "second"]);
    assert_eq!(store.conversations_of("sub-1", 2).await.unwrap().len(), 2);
    assert_eq!(store.conversations_of("sub-2", 10).await.unwrap().len(), 1);
    assert!(
        store
            .conversations_of("nobody", 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn concurrent_appends(db: &TestDb) {
    let conversation = db
        .store
        .create_conversation("sub-1", "mcp_http", "busy")
        .await
        .unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|index| {
            let store = db.store.clone();
            tokio::spawn(async move {
                store
                    .append_message(
                        conversation.id,
                        MessageRole::User,
                        &format!("m{index}"),
                        None,
                    )
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut positions: Vec<i64> = Vec::new();
    for task in tasks {
        positions.push(task.await.unwrap().position);
    }
    positions.sort_unstable();
    assert_eq!(positions, (1..=20).collect::<Vec<_>>());
    assert_eq!(
        db.store
            .conversation(conversation.id)
            .await
            .unwrap()
            .message_count,
        20
    );
    assert_eq!(db.store.messages(conversation.id).await.unwrap().len(), 20);
}

async fn missing_conversations(db: &TestDb) {
    let store = &db.store;
    let missing = ConversationId(4242);
    let error = store
        .append_message(missing, MessageRole::User, "hello?", None)
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        StoreError::NotFound {
            kind: "conversation",
            ..
        }
    ));
    assert_eq!(error.to_string(), "conversation `4242` not found");
    assert!(matches!(
        store.messages(missing).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.conversation(missing).await,
        Err(StoreError::NotFound { .. })
    ));
}
