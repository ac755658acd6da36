export async function runDurableObject() {}
