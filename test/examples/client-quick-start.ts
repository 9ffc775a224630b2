import { createFactledgerClient, FactledgerProblem } from '@factledger/client';

const client = createFactledgerClient({
  baseUrl: process.env.FACTLEDGER_URL ?? 'http://localhost:3000',
  apiKey: process.env.FACTLEDGER_API_KEY, // a key with the editor and reporter roles
});

async function main(): Promise<void> {
  const key = 'north_korean_troops_in_russia';
  await client.post('/v1/metrics', { body: { key, label: 'North Korean troops in Russia', unit: 'troops' } });
  await client.post('/v1/sources', { body: { sourceId: 'us-intelligence', name: 'US intelligence', kind: 'intelligence', country: 'US' } });
  await client.post('/v1/reports', {
    body: { reportId: 'wire-2024-10-30', publisher: 'Example Wire', title: 'Troop numbers rise', publishedAt: '2024-10-30', language: 'en' },
  });
  const figure = await client.post('/v1/figures', {
    body: {
      metricKey: key,
      sourceId: 'us-intelligence',
      amount: { qualifier: 'approximately', value: 10000 },
      validAt: { date: '2024-10-30' },
      citation: { reportId: 'wire-2024-10-30', quote: 'some 10,000 soldiers' },
      method: 'estimate',
    },
  });
  console.log(`figure ${figure.id} recorded at position ${figure.position}`);

  // The read waits until the read models applied the write above (read-your-writes).
  const { data, basis } = await client.get('/v1/metrics/{key}/estimate', { params: { path: { key }, query: { validAt: '2024-10-31' } } });
  console.log(`estimate on ${basis.validAt}: ${data.consensus} ${data.unit} from ${data.sourceCount} source(s), as of position ${basis.position}`);

  try {
    await client.get('/v1/metrics/{key}', { params: { path: { key: 'no_such_metric' } } });
  } catch (error) {
    if (!(error instanceof FactledgerProblem)) throw error;
    console.log(`refused: ${error.status} ${error.code}`); // 404 metric.not_found
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
