export async function runExamples() {}
