// GraphiQL for /graphql, served from our own origin (see README "Use it from your tools").
// The tabs are in ../wwwroot/graphiql/tabs.js (plain script, editable without a rebuild).
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

// Same origin only: the session cookie rides along, and headers typed in the Headers tab (an API key) are sent as given.
async function fetcher(params, options) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
}

const tabs = window.SupplyChainTabs ?? [];
createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultTabs={tabs} defaultQuery={tabs[0]?.query} isHeadersEditorEnabled={true} shouldPersistHeaders={false} />,
);
