// Trains a definition through the NLU service's Train stream and resolves with the final result.
export function trainOverGrpc(client, definition) {
  return new Promise((resolve, reject) => {
    const stream = client.Train({ definition });
    let result;
    stream.on('data', (progress) => {
      if (progress.result) result = progress.result;
      if (progress.state === 'JOB_STATE_FAILED') reject(new Error(progress.error));
    });
    stream.on('error', reject);
    stream.on('end', () => (result ? resolve(result) : reject(new Error('training ended without a result'))));
  });
}
