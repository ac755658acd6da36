export async function honoWorkerd(){}
